package io.github.copernicawebhooks.internal;

import org.jspecify.annotations.Nullable;

/**
 * Makes a value that a client controls safe to put in a log line: it can neither end the line nor forge
 * another one, nor hide text with invisible or direction-changing characters. Not API: for the SDK's own
 * modules.
 */
public final class LogText {

  /** Longer values are cut here and end in {@code ...}, so one call cannot write a huge line. */
  public static final int MAX_LENGTH = 256;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private LogText() {}

  /**
   * The value with every control, format and line-separator character, every lone surrogate and the
   * backslash escaped ({@code \n}, {@code \r}, {@code \t}, {@code \\}, else {@code \}{@code uXXXX}), cut to
   * {@value #MAX_LENGTH} characters; {@code (none)} for {@code null}.
   */
  public static String escape(@Nullable String value) {
    if (value == null) {
      return "(none)";
    }
    int length = Math.min(value.length(), MAX_LENGTH);
    if (length == value.length() && isPlain(value)) {
      return value;
    }
    StringBuilder text = new StringBuilder(length + 16);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        if (i + 1 < length) {
          text.append(c).append(value.charAt(++i));
        }
        continue;
      }
      append(text, c);
    }
    return length < value.length() ? text.append("...").toString() : text.toString();
  }

  private static boolean isPlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (c < 0x20 || c == '\\' || (c >= 0x7f && needsEscape(c))) {
        return false;
      }
    }
    return true;
  }

  private static void append(StringBuilder text, char c) {
    switch (c) {
      case '\n':
        text.append("\\n");
        return;
      case '\r':
        text.append("\\r");
        return;
      case '\t':
        text.append("\\t");
        return;
      case '\\':
        text.append("\\\\");
        return;
      default:
        if (needsEscape(c)) {
          text.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
              .append(HEX[c & 0xf]);
        } else {
          text.append(c);
        }
    }
  }

  /** Control characters (C0, DEL, C1), format characters (bidi overrides, zero widths), separators, surrogates. */
  private static boolean needsEscape(char c) {
    if (Character.isISOControl(c) || Character.isSurrogate(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }
}
