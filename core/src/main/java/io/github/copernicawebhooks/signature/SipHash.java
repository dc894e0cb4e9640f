package io.github.copernicawebhooks.signature;

import java.security.SecureRandom;

/**
 * SipHash-2-4, a keyed 64-bit hash (Aumasson and Bernstein), of a string's UTF-16 code units taken as
 * little-endian bytes. Without the key nobody can choose two tokens that collide, so a flood of crafted tokens
 * cannot make a genuine one look like a replay or pile up in one stripe. Reads the string without copying it.
 */
final class SipHash {

  private final long key0;
  private final long key1;

  SipHash(long key0, long key1) {
    this.key0 = key0;
    this.key1 = key1;
  }

  /** A hash with a fresh random key, never written anywhere. */
  static SipHash withRandomKey() {
    SecureRandom random = new SecureRandom();
    return new SipHash(random.nextLong(), random.nextLong());
  }

  long hash(String text) {
    long v0 = key0 ^ 0x736f6d6570736575L;
    long v1 = key1 ^ 0x646f72616e646f6dL;
    long v2 = key0 ^ 0x6c7967656e657261L;
    long v3 = key1 ^ 0x7465646279746573L;
    int words = text.length() / 4 + 1; // the last word holds the remaining chars and the length
    for (int word = 0; word <= words; word++) {
      boolean finishing = word == words;
      long m = finishing ? 0 : word(text, word);
      if (finishing) {
        v2 ^= 0xff;
      } else {
        v3 ^= m;
      }
      for (int round = finishing ? 4 : 2; round > 0; round--) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13) ^ v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16) ^ v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21) ^ v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17) ^ v2;
        v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  /** Eight little-endian bytes from four chars; the last word ends with the byte length's low byte. */
  private static long word(String text, int word) {
    int start = word * 4;
    int end = Math.min(start + 4, text.length());
    long m = end - start < 4 ? (long) (text.length() * 2) << 56 : 0;
    for (int i = start; i < end; i++) {
      m |= (long) text.charAt(i) << (16 * (i - start));
    }
    return m;
  }
}
