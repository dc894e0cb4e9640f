package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipHashTest {

  /** The reference key 00 01 .. 0f, as the two little-endian words of the SipHash paper. */
  private static final SipHash REFERENCE = new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

  @Test
  void matchesTheReferenceVectorsForMessagesOfWholeChars() {
    // vectors_sip64 of the reference implementation: message 00 01 .. n-1, here as little-endian chars
    assertThat(REFERENCE.hash("")).isEqualTo(0x726fdb47dd0e0e31L);
    assertThat(REFERENCE.hash(bytesAsChars(2))).isEqualTo(0x0d6c8009d9a94f5aL);
    assertThat(REFERENCE.hash(bytesAsChars(4))).isEqualTo(0xcf2794e0277187b7L);
    assertThat(REFERENCE.hash(bytesAsChars(6))).isEqualTo(0xcbc9466e58fee3ceL);
    assertThat(REFERENCE.hash(bytesAsChars(8))).isEqualTo(0x93f5f5799a932462L);
    assertThat(REFERENCE.hash(bytesAsChars(10))).isEqualTo(0x7a5dbbc594ddb9f3L);
    assertThat(REFERENCE.hash(bytesAsChars(14))).isEqualTo(0xf723ca908e7af2eeL);
    assertThat(REFERENCE.hash(bytesAsChars(16))).isEqualTo(0x3f2acc7f57c29bdbL);
  }

  @Test
  void dependsOnTheKey() {
    SipHash other = new SipHash(0x0706050403020101L, 0x0f0e0d0c0b0a0908L);

    assertThat(other.hash("nonce 1")).isNotEqualTo(REFERENCE.hash("nonce 1"));
    assertThat(SipHash.withRandomKey().hash("nonce 1")).isNotEqualTo(SipHash.withRandomKey().hash("nonce 1"));
  }

  private static String bytesAsChars(int byteCount) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < byteCount; i += 2) {
      text.append((char) (i | (i + 1) << 8));
    }
    return text.toString();
  }
}
