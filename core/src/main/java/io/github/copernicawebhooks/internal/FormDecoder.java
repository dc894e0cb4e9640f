package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body in one pass over its bytes.
 *
 * <p>Strict: {@code +} is a space, a percent-escape must be {@code %} and two hex digits, and the decoded
 * bytes must be valid UTF-8. Names and values without escapes and with only ASCII bytes (the common case)
 * become strings straight from the body; the others are decoded into one reused buffer.
 */
public final class FormDecoder {

  private static final byte PLAIN = 0;
  private static final byte AMPERSAND = 1;
  private static final byte EQUALS = 2;
  private static final byte SPECIAL = 3;
  private static final byte[] CLASSES = new byte[256];

  static {
    for (int i = 0x80; i < 0x100; i++) {
      CLASSES[i] = SPECIAL;
    }
    CLASSES['%'] = SPECIAL;
    CLASSES['+'] = SPECIAL;
    CLASSES['&'] = AMPERSAND;
    CLASSES['='] = EQUALS;
  }

  private final byte[] body;
  private final int maxKeyLength;
  private byte[] buffer = new byte[0];

  private FormDecoder(byte[] body, ParserLimits limits) {
    this.body = body;
    this.maxKeyLength = limits.maxKeyLength();
  }

  /** Decodes the whole body; throws {@link WebhookException} for malformed input or a limit hit. */
  public static DecodedBody decode(byte[] body, ParserLimits limits) {
    return new FormDecoder(body, limits).decodeAll(new DecodedBody(limits, body.length / 24 + 4));
  }

  private DecodedBody decodeAll(DecodedBody out) {
    byte[] bytes = body;
    int end = bytes.length;
    int position = 0;
    while (position < end) {
      int nameStart = position;
      boolean nameSpecial = false;
      int i = position;
      byte kind = PLAIN;
      while (i < end) {
        kind = CLASSES[bytes[i] & 0xff];
        if (kind == AMPERSAND || kind == EQUALS) {
          break;
        }
        nameSpecial |= kind == SPECIAL;
        i++;
      }
      int nameEnd = i;
      int valueStart = i;
      boolean valueSpecial = false;
      if (i < end && kind == EQUALS) {
        i++;
        valueStart = i;
        while (i < end) {
          kind = CLASSES[bytes[i] & 0xff];
          if (kind == AMPERSAND) {
            break;
          }
          valueSpecial |= kind == SPECIAL;
          i++;
        }
      }
      int valueEnd = i;
      position = i + 1;
      if (valueEnd == nameStart) {
        continue; // an empty pair, as in "a=1&&b=2" or a trailing '&'
      }
      String name = name(nameStart, nameEnd, nameSpecial);
      String value = valueSpecial ? decodeEscaped(valueStart, valueEnd, name) : ascii(valueStart, valueEnd);
      out.add(name, value, nameStart);
    }
    return out;
  }

  private String name(int start, int end, boolean special) {
    if (special) {
      return decodeEscaped(start, end, null);
    }
    if (end - start > maxKeyLength) {
      throw keyTooLong(start);
    }
    return ascii(start, end);
  }

  private String ascii(int start, int end) {
    return new String(body, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** Decodes {@code +} and escapes of a name (when {@code owner} is null) or of the value of {@code owner}. */
  private String decodeEscaped(int start, int end, @Nullable String owner) {
    byte[] bytes = body;
    byte[] out = buffer;
    if (out.length < end - start) {
      out = new byte[Math.max(end - start, 64)];
      buffer = out;
    }
    int length = 0;
    boolean ascii = true;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (b == '+') {
        b = ' ';
      } else if (b == '%') {
        b = escaped(i, end);
        i += 2;
      }
      ascii &= b >= 0;
      out[length++] = b;
    }
    if (owner == null && length > maxKeyLength) {
      throw keyTooLong(start);
    }
    if (ascii) {
      return new String(out, 0, length, StandardCharsets.ISO_8859_1);
    }
    int invalid = Utf8.firstInvalid(out, 0, length);
    if (invalid >= 0) {
      throw invalidUtf8(sourceOffset(start, invalid), owner);
    }
    return new String(out, 0, length, StandardCharsets.UTF_8);
  }

  private byte escaped(int percent, int end) {
    if (percent + 2 >= end) {
      throw invalidEscape(percent);
    }
    int high = hexValue(body[percent + 1]);
    int low = hexValue(body[percent + 2]);
    if ((high | low) < 0) {
      throw invalidEscape(percent);
    }
    return (byte) (high << 4 | low);
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }

  private WebhookException invalidEscape(int percent) {
    return new WebhookException(Reason.MALFORMED_BODY, "invalid percent-escape at byte " + percent);
  }

  /** The body offset of decoded byte {@code decodedIndex} of the text starting at {@code start}. */
  private int sourceOffset(int start, int decodedIndex) {
    int offset = start;
    for (int decoded = 0; decoded < decodedIndex; decoded++) {
      offset += body[offset] == '%' ? 3 : 1;
    }
    return offset;
  }

  private static WebhookException invalidUtf8(int start, @Nullable String owner) {
    String where = owner == null ? "the variable name" : "the value of '" + Texts.shorten(owner) + "'";
    return new WebhookException(Reason.MALFORMED_BODY, "invalid UTF-8 in " + where + " at byte " + start);
  }

  private WebhookException keyTooLong(int start) {
    return new WebhookException(Reason.LIMIT_EXCEEDED,
        "variable name at byte " + start + " is longer than " + maxKeyLength + " bytes");
  }
}
