package io.github.copernicawebhooks.inbox.internal;

import org.jspecify.annotations.Nullable;

/**
 * Text as every supported database stores it: the one place the inbox makes a string safe before binding it.
 * PostgreSQL refuses U+0000 in text (and would roll back the whole transaction that carries it), and an
 * unpaired surrogate has no UTF-8 form, so a driver may refuse or mangle it. A NUL becomes the six visible
 * characters of its Java escape (so a person reading an error sees what was there); an unpaired surrogate
 * becomes U+FFFD.
 */
final class StorableText {

  static final String NUL_ESCAPE = "\\u0000";
  private static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /** The text made storable. */
  static String of(String text) {
    return isStorable(text) ? text : replace(text);
  }

  /** The text made storable and then cut to at most {@code length} characters, never inside a surrogate pair. */
  static String of(String text, int length) {
    String storable = of(text);
    if (storable.length() <= length) {
      return storable;
    }
    int end = length - 3;
    if (Character.isHighSurrogate(storable.charAt(end - 1))) {
      end--;
    }
    return storable.substring(0, end) + "...";
  }

  /** As {@link #of(String)}, for a column that may be null. */
  static @Nullable String ofNullable(@Nullable String text) {
    return text == null ? null : of(text);
  }

  /** As {@link #of(String, int)}, for a column that may be null. */
  static @Nullable String ofNullable(@Nullable String text, int length) {
    return text == null ? null : of(text, length);
  }

  private static boolean isStorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || Character.isSurrogate(c)) {
        return false; // pairs are checked in replace(); they are rare enough not to matter here
      }
    }
    return true;
  }

  private static String replace(String text) {
    StringBuilder storable = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        storable.append(NUL_ESCAPE);
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        storable.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        storable.append(REPLACEMENT);
      } else {
        storable.append(c);
      }
    }
    return storable.toString();
  }
}
