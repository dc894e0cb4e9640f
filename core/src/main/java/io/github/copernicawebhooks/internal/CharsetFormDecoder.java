package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a form body declared in a charset other than UTF-8, apart from the fast {@link FormDecoder}: the
 * whole body is decoded in the charset first, so that charsets which are not ASCII-compatible (UTF-16,
 * EBCDIC) split on their own {@code '&'} and {@code '='}; each run of percent-escapes is then bytes of the same
 * charset. Positions in messages count characters, which are bytes in the single-byte charsets.
 */
final class CharsetFormDecoder {

  private final String text;
  private final Charset charset;
  private final int maxKeyLength;

  private CharsetFormDecoder(String text, Charset charset, ParserLimits limits) {
    this.text = text;
    this.charset = charset;
    this.maxKeyLength = limits.maxKeyLength();
  }

  /** Decodes the whole body; throws {@link WebhookException} for malformed input or a limit hit. */
  static DecodedBody decode(byte[] body, Charset charset, ParserLimits limits) {
    String text = Charsets.decode(body, 0, body.length, charset, "the body", index -> index);
    return new CharsetFormDecoder(text, charset, limits).decodeAll(new DecodedBody(limits, text.length() / 24 + 4));
  }

  private DecodedBody decodeAll(DecodedBody out) {
    int end = text.length();
    int position = 0;
    while (position < end) {
      int ampersand = indexOf('&', position, end);
      if (ampersand == position) {
        position++;
        continue; // an empty pair, as in "a=1&&b=2" or a trailing '&'
      }
      int equals = indexOf('=', position, ampersand);
      if (equals == position) {
        throw new WebhookException(Reason.MALFORMED_BODY, "variable at byte " + position + " has no name");
      }
      String name = unescaped(position, equals, null);
      if (Utf8.length(name) > maxKeyLength) {
        throw new WebhookException(Reason.LIMIT_EXCEEDED,
            "variable name at byte " + position + " is longer than " + maxKeyLength + " bytes");
      }
      String value = equals < ampersand ? unescaped(equals + 1, ampersand, name) : "";
      out.add(name, value, position);
      position = ampersand + 1;
    }
    return out;
  }

  private int indexOf(char c, int from, int end) {
    int index = text.indexOf(c, from);
    return index < 0 || index > end ? end : index;
  }

  /** The text of {@code [start, end)} with {@code '+'} as a space and escapes decoded; {@code owner} names it. */
  private String unescaped(int start, int end, @Nullable String owner) {
    StringBuilder decoded = null;
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (c != '%' && c != '+') {
        i++;
        continue;
      }
      if (decoded == null) {
        decoded = new StringBuilder(end - start);
      }
      decoded.append(text, start, i);
      i = c == '+' ? appendSpace(decoded, i) : appendEscapes(decoded, i, end, owner);
      start = i;
    }
    return decoded == null ? text.substring(start, end) : decoded.append(text, start, end).toString();
  }

  private static int appendSpace(StringBuilder decoded, int plus) {
    decoded.append(' ');
    return plus + 1;
  }

  /** Decodes the run of escapes from {@code percent} as one byte sequence; returns the index after it. */
  private int appendEscapes(StringBuilder decoded, int percent, int end, @Nullable String owner) {
    byte[] bytes = new byte[(end - percent) / 3];
    int count = 0;
    int i = percent;
    while (i < end && text.charAt(i) == '%') {
      bytes[count++] = escaped(i, end);
      i += 3;
    }
    String where = owner == null ? "a variable name" : "the value of '" + Texts.shorten(owner) + "'";
    decoded.append(Charsets.decode(bytes, 0, count, charset, where, index -> percent + 3 * index));
    return i;
  }

  private byte escaped(int percent, int end) {
    if (percent + 2 >= end) {
      throw invalidEscape(percent);
    }
    int high = hex(text.charAt(percent + 1));
    int low = hex(text.charAt(percent + 2));
    if ((high | low) < 0) {
      throw invalidEscape(percent);
    }
    return (byte) (high << 4 | low);
  }

  /** The value of an ASCII hex digit, or -1: other scripts' digits are no escape. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static WebhookException invalidEscape(int percent) {
    return new WebhookException(Reason.MALFORMED_BODY, "invalid percent-escape at byte " + percent);
  }
}
