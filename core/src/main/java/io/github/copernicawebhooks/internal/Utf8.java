package io.github.copernicawebhooks.internal;

/** Strict UTF-8 validation: no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {

  private Utf8() {}

  /**
   * The index of the first byte in {@code bytes[from, to)} that starts an invalid sequence, or -1 when the
   * range is valid UTF-8.
   */
  static int firstInvalid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int length = sequenceLength(bytes, i, to);
      if (length < 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** The number of bytes {@code text} takes in UTF-8 (an unpaired surrogate counted as if paired). */
  static int length(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return length;
  }

  private static int sequenceLength(byte[] bytes, int i, int to) {
    int lead = bytes[i] & 0xff;
    if (lead >= 0xc2 && lead <= 0xdf) {
      return isContinuation(bytes, i + 1, to) ? 2 : -1;
    }
    if (lead >= 0xe0 && lead <= 0xef) {
      if (i + 2 >= to) {
        return -1;
      }
      int second = bytes[i + 1] & 0xff;
      int low = lead == 0xe0 ? 0xa0 : 0x80; // no overlong forms
      int high = lead == 0xed ? 0x9f : 0xbf; // no surrogates
      return second >= low && second <= high && isContinuation(bytes, i + 2, to) ? 3 : -1;
    }
    if (lead >= 0xf0 && lead <= 0xf4) {
      if (i + 3 >= to) {
        return -1;
      }
      int second = bytes[i + 1] & 0xff;
      int low = lead == 0xf0 ? 0x90 : 0x80; // no overlong forms
      int high = lead == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
      boolean valid = second >= low && second <= high
          && isContinuation(bytes, i + 2, to) && isContinuation(bytes, i + 3, to);
      return valid ? 4 : -1;
    }
    return -1;
  }

  private static boolean isContinuation(byte[] bytes, int i, int to) {
    return i < to && (bytes[i] & 0xc0) == 0x80;
  }
}
