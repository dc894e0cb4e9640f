package io.github.copernicawebhooks.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Remembers decoded variable names by their encoded bytes, as Jackson canonicalises JSON names: webhook
 * bodies repeat the same few dozen names ({@code fields%5Bemail%5D}) call after call, so decoding them, checking
 * their brackets and allocating their strings once saves most of the work on names.
 *
 * <p>A fixed array of immutable entries, indexed by hash with two slots per hash: bounded memory (a few
 * hundred kilobytes at most), no locks, no growth. Threads may
 * race to replace a slot; every entry they can see is complete (final fields), and a miss only costs the
 * decoding that would have happened anyway. Only names that decoded without error are stored, so a hit
 * needs nothing but the limit checks that depend on the parser's configuration.
 */
final class NameCache {

  static final int MAX_CACHED_LENGTH = 128;
  private static final int SLOTS = 2048;

  private final Entry[] entries = new Entry[SLOTS];

  /**
   * A cheap hash of an encoded name: its length, its first and middle bytes and its last twelve bytes,
   * where names that share a prefix ({@code fields%5B...%5D}) differ. Names that collide share the two slots
   * of their hash.
   */
  static int hash(byte[] bytes, int start, int end) {
    int hash = ((end - start) * 31 + bytes[start]) * 31 + bytes[(start + end) >>> 1];
    for (int i = Math.max(start + 1, end - 12); i < end; i++) {
      hash = hash * 31 + bytes[i];
    }
    return hash;
  }

  /** The entry for {@code bytes[start, end)} with the given hash, or null. */
  @Nullable Entry find(byte[] bytes, int start, int end, int hash) {
    int slot = slot(hash);
    Entry entry = entries[slot];
    if (matches(entry, bytes, start, end, hash)) {
      return entry;
    }
    entry = entries[slot + 1];
    return matches(entry, bytes, start, end, hash) ? entry : null;
  }

  private static boolean matches(@Nullable Entry entry, byte[] bytes, int start, int end, int hash) {
    return entry != null && entry.hash == hash
        && Arrays.equals(entry.encoded, 0, entry.encoded.length, bytes, start, end);
  }

  /** Stores a name that decoded without error, in a free slot of its pair or over the older one. */
  void store(Entry entry) {
    int slot = slot(entry.hash);
    if (entries[slot] != null) {
      entries[slot + 1] = entries[slot];
    }
    entries[slot] = entry;
  }

  /** The first of the two slots for a hash: the even slot the spread hash picks. */
  private static int slot(int hash) {
    int spread = (hash ^ (hash >>> 15)) * 0x9E3779B1;
    return (spread >>> 21) & (SLOTS - 2);
  }

  /** A decoded name with its bracket structure. */
  static final class Entry {
    final byte[] encoded;
    final int hash;
    final String name;
    final int decodedLength;
    final int baseLength;
    final int depth;
    /** For a name with one bracket pair, the text inside it ({@code email} of {@code fields[email]}). */
    final @Nullable String key;
    final byte group;

    Entry(byte[] encoded, int hash, String name, int decodedLength, int baseLength, int depth) {
      this.encoded = encoded;
      this.hash = hash;
      this.name = name;
      this.decodedLength = decodedLength;
      this.baseLength = baseLength;
      this.depth = depth;
      this.key = depth == 1 ? name.substring(baseLength + 1, name.length() - 1) : null;
      this.group = DecodedBody.groupOf(name, baseLength);
    }
  }
}
