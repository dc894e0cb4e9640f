package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body in one pass over its bytes.
 *
 * <p>Strict: {@code +} is a space, a percent-escape must be {@code %} and two hex digits, and the decoded
 * bytes must be valid UTF-8. The separators are found eight bytes at a time; a name is then looked up in the
 * {@link NameCache} and only decoded (with its brackets checked) when it is new, and only a value with a
 * {@code +}, a {@code %} or a byte above ASCII is decoded, into one reused buffer. Only text with bytes above
 * ASCII pays for UTF-8 validation.
 */
final class FormDecoder {

  // 0: plain
  private static final byte AMPERSAND = 1;
  private static final byte EQUALS = 2;
  private static final byte PLUS = 3;
  private static final byte PERCENT = 4;
  private static final byte HIGH = 5;
  private static final byte BRACKET = 6;
  private static final byte[] CLASSES = new byte[256];
  private static final byte[] HEX = new byte[256];

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
    for (int i = 0x80; i < 0x100; i++) {
      CLASSES[i] = HIGH;
    }
    CLASSES['&'] = AMPERSAND;
    CLASSES['='] = EQUALS;
    CLASSES['+'] = PLUS;
    CLASSES['%'] = PERCENT;
    CLASSES['['] = BRACKET;
    CLASSES[']'] = BRACKET;
  }

  private static final NameCache NAMES = new NameCache();
  /** Stands before the first name of a body: its hint is the first name of the last body. */
  private static final VariableName START = new VariableName("", 0, 0, 0, new byte[0], 0);

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = ONES << 7;
  private static final long AMPERSANDS = ONES * '&';
  private static final long EQUALS_SIGNS = ONES * '=';
  private static final long PLUS_SIGNS = ONES * '+';
  private static final long PERCENT_SIGNS = ONES * '%';
  private static final byte[] NO_BYTES = new byte[0];

  private final byte[] body;
  private final int maxKeyLength;
  private final int maxDepth;
  private byte[] buffer = NO_BYTES;
  private int length;
  private boolean ascii;
  private int baseLength;
  private int depth;

  private FormDecoder(byte[] body, ParserLimits limits) {
    this.body = body;
    this.maxKeyLength = limits.maxKeyLength();
    this.maxDepth = limits.maxDepth();
  }

  /** Decodes the whole body; throws {@link WebhookException} for malformed input or a limit hit. */
  public static DecodedBody decode(byte[] body, ParserLimits limits) {
    return new FormDecoder(body, limits).decodeAll(new DecodedBody(limits, body.length / 24 + 4));
  }

  private DecodedBody decodeAll(DecodedBody out) {
    byte[] bytes = body;
    int end = bytes.length;
    int position = 0;
    VariableName previous = START;
    while (position < end) {
      int nameStart = position;
      VariableName name = followingName(previous, position, end);
      if (name != null) {
        position += name.encodedLength();
        requireLimits(name, nameStart);
      } else {
        position = nameEnd(position, end);
        if (position == nameStart) {
          if (position < end && bytes[position] == '=') {
            throw new WebhookException(Reason.MALFORMED_BODY, "variable at byte " + nameStart + " has no name");
          }
          position++;
          continue; // an empty pair, as in "a=1&&b=2" or a trailing '&'
        }
        name = name(nameStart, position);
        previous.follow(name);
      }
      previous = name;
      String value = "";
      if (position < end && bytes[position] == '=') {
        int valueStart = ++position;
        position = valueStop(position, end);
        if (position < end && bytes[position] != '&') {
          // a '+', '%' or byte above ASCII: decode the value up to its end
          int special = position;
          position = ampersand(position, end);
          value = text(valueStart, special, position, name.name);
        } else if (position > valueStart) {
          value = ascii(valueStart, position);
        }
      }
      position++;
      out.add(name, value, nameStart);
    }
    return out;
  }

  /**
   * The name that followed {@code previous} the last time it was seen, when the same encoded name starts at
   * {@code position} and ends there (at {@code '='}, {@code '&'} or the end of the body); else null. Webhook
   * bodies send their names in the same order call after call, so this usually spares the scan for the end
   * of the name and the cache lookup.
   */
  private @Nullable VariableName followingName(VariableName previous, int position, int end) {
    VariableName next = previous.next;
    if (next == null) {
      return null;
    }
    byte[] encoded = next.encoded;
    if (encoded == null) {
      return null;
    }
    int after = position + encoded.length;
    if (after > end || after < end && body[after] != '=' && body[after] != '&') {
      return null;
    }
    return NameCache.sameBytes(next, encoded, body, position) ? next : null;
  }

  /** The bytes of {@code word} that equal the byte repeated in {@code pattern}: their high bits, exact up to the first. */
  private static long matching(long word, long pattern) {
    long v = word ^ pattern;
    return (v - ONES) & ~v & HIGH_BITS;
  }

  /** The index of the first byte that the lowest bit of a non-zero {@link #matching} result marks. */
  private static int firstMarked(long marks) {
    return Long.numberOfTrailingZeros(marks) >>> 3;
  }

  /** The first {@code '&'} or {@code '='} from {@code position}, or {@code end}: eight bytes at a time. */
  private int nameEnd(int position, int end) {
    byte[] bytes = body;
    while (position <= end - Long.BYTES) {
      long word = (long) LONGS.get(bytes, position);
      long marks = matching(word, AMPERSANDS) | matching(word, EQUALS_SIGNS);
      if (marks != 0) {
        return position + firstMarked(marks);
      }
      position += Long.BYTES;
    }
    while (position < end && bytes[position] != '&' && bytes[position] != '=') {
      position++;
    }
    return position;
  }

  /** The first {@code '&'} from {@code position}, or {@code end}: eight bytes at a time. */
  private int ampersand(int position, int end) {
    byte[] bytes = body;
    while (position <= end - Long.BYTES) {
      long marks = matching((long) LONGS.get(bytes, position), AMPERSANDS);
      if (marks != 0) {
        return position + firstMarked(marks);
      }
      position += Long.BYTES;
    }
    while (position < end && bytes[position] != '&') {
      position++;
    }
    return position;
  }

  /**
   * The first byte from {@code position} that ends a value ({@code '&'}) or needs decoding ({@code '+'},
   * {@code '%'}, above ASCII), or {@code end}: eight bytes at a time.
   */
  private int valueStop(int position, int end) {
    byte[] bytes = body;
    while (position <= end - Long.BYTES) {
      long word = (long) LONGS.get(bytes, position);
      long marks = matching(word, AMPERSANDS) | matching(word, PLUS_SIGNS) | matching(word, PERCENT_SIGNS)
          | (word & HIGH_BITS);
      if (marks != 0) {
        return position + firstMarked(marks);
      }
      position += Long.BYTES;
    }
    while (position < end) {
      byte b = bytes[position];
      if (b == '&' || b == '+' || b == '%' || b < 0) {
        break;
      }
      position++;
    }
    return position;
  }

  /** Whether {@code body[start, end)} holds a byte that a name must decode or check: escapes, brackets, non-ASCII. */
  private boolean special(int start, int end) {
    for (int i = start; i < end; i++) {
      if (CLASSES[body[i] & 0xff] > EQUALS) {
        return true;
      }
    }
    return false;
  }

  /** The decoded name of {@code body[start, end)}, from the cache when it was seen before. */
  private VariableName name(int start, int end) {
    boolean cacheable = end - start <= NameCache.MAX_CACHED_LENGTH;
    int hash = cacheable ? NameCache.hash(body, start, end) : 0;
    VariableName name = cacheable ? NAMES.find(body, start, end, hash) : null;
    if (name == null) {
      String text = special(start, end) ? escapedName(start, end) : plainName(start, end);
      name = new VariableName(text, baseLength, depth, length,
          cacheable ? Arrays.copyOfRange(body, start, end) : null, hash);
      if (cacheable) {
        NAMES.store(name);
      }
      return name;
    }
    requireLimits(name, start);
    return name;
  }

  /** The checks of a cached name that depend on this parser's limits. */
  private void requireLimits(VariableName name, int start) {
    if (name.decodedLength > maxKeyLength) {
      throw keyTooLong(start);
    }
    if (name.depth > maxDepth) {
      throw tooDeep(start);
    }
  }

  /** A name without escapes, brackets or non-ASCII bytes: the bytes themselves. */
  private String plainName(int start, int end) {
    length = end - start;
    if (length > maxKeyLength) {
      throw keyTooLong(start);
    }
    baseLength = length;
    depth = 0;
    return ascii(start, end);
  }

  private String escapedName(int start, int end) {
    decode(start, end);
    if (length > maxKeyLength) {
      throw keyTooLong(start);
    }
    checkBrackets(start);
    return string(start, null);
  }

  /**
   * Checks the brackets of the decoded name in the buffer and notes its base length and depth. The base
   * length is counted in {@code char}s of the name's string, not in bytes, because the name is cut at it;
   * the buffer holds UTF-8, validated when the string is made.
   */
  private void checkBrackets(int start) {
    byte[] name = buffer;
    int base = -1;
    int chars = 0;
    int brackets = 0;
    boolean inBracket = false;
    boolean closed = false;
    for (int i = 0; i < length; i++) {
      byte b = name[i];
      if (b == '[') {
        if (inBracket) {
          throw malformedName(start, "a bracket inside brackets");
        }
        if (base < 0) {
          base = chars;
        }
        inBracket = true;
        closed = false;
        if (++brackets > maxDepth) {
          throw tooDeep(start);
        }
      } else if (b == ']') {
        if (!inBracket) {
          throw malformedName(start, "a closing bracket without an opening one");
        }
        inBracket = false;
        closed = true;
      } else if (closed) {
        throw malformedName(start, "text after a closing bracket");
      }
      chars += utf16Length(b);
    }
    if (inBracket) {
      throw malformedName(start, "an unclosed bracket");
    }
    if (base == 0) {
      throw new WebhookException(Reason.MALFORMED_BODY, "variable at byte " + start + " has no name");
    }
    baseLength = base < 0 ? chars : base;
    depth = brackets;
  }

  /**
   * The {@code char}s that the UTF-8 sequence led by {@code b} adds to a string: none for a continuation
   * byte, two (a surrogate pair) for the lead of a four-byte sequence, else one.
   */
  private static int utf16Length(byte b) {
    if ((b & 0xc0) == 0x80) {
      return 0;
    }
    return (b & 0xf8) == 0xf0 ? 2 : 1;
  }

  /** Decodes {@code body[start, end)} into the buffer, setting {@code length} and {@code ascii}. */
  private void decode(int start, int end) {
    decode(start, start, end);
  }

  /**
   * Decodes {@code body[start, end)} into the buffer, setting {@code length} and {@code ascii}; the bytes
   * before {@code plainEnd} are copied as they are (they hold no {@code +}, {@code %} or byte above ASCII).
   */
  private void decode(int start, int plainEnd, int end) {
    byte[] bytes = body;
    byte[] out = buffer;
    if (out.length < end - start) {
      out = new byte[Math.max(end - start, 64)];
      buffer = out;
    }
    int count = plainEnd - start;
    System.arraycopy(bytes, start, out, 0, count);
    int highBits = 0;
    int i = plainEnd;
    while (i < end) {
      byte b = bytes[i];
      if (b == '%') {
        b = escaped(i, end);
        i += 3;
      } else {
        if (b == '+') {
          b = ' ';
        }
        i++;
      }
      highBits |= b;
      out[count++] = b;
    }
    length = count;
    ascii = highBits >= 0;
  }

  private String ascii(int start, int end) {
    return new String(body, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /**
   * The decoded text of {@code body[start, end)}, the value of {@code owner}, whose bytes before
   * {@code special} are plain ASCII.
   */
  private String text(int start, int special, int end, String owner) {
    decode(start, special, end);
    return string(start, owner);
  }

  /** The decoded buffer as a string: a name (when {@code owner} is null) or the value of {@code owner}. */
  private String string(int start, @Nullable String owner) {
    if (ascii) {
      return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }
    // The JDK's decoder is strict and replaces what is invalid with U+FFFD: only then is a check needed.
    String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      int invalid = Utf8.firstInvalid(buffer, 0, length);
      if (invalid >= 0) {
        throw invalidUtf8(sourceOffset(start, invalid), owner);
      }
    }
    return text;
  }

  private byte escaped(int percent, int end) {
    if (percent + 2 >= end) {
      throw invalidEscape(percent);
    }
    int high = HEX[body[percent + 1] & 0xff];
    int low = HEX[body[percent + 2] & 0xff];
    if ((high | low) < 0) {
      throw invalidEscape(percent);
    }
    return (byte) (high << 4 | low);
  }

  /** The body offset of decoded byte {@code decodedIndex} of the text starting at {@code start}. */
  private int sourceOffset(int start, int decodedIndex) {
    int offset = start;
    for (int decoded = 0; decoded < decodedIndex; decoded++) {
      offset += body[offset] == '%' ? 3 : 1;
    }
    return offset;
  }

  private static WebhookException invalidEscape(int percent) {
    return new WebhookException(Reason.MALFORMED_BODY, "invalid percent-escape at byte " + percent);
  }

  private static WebhookException invalidUtf8(int offset, @Nullable String owner) {
    String where = owner == null ? "a variable name" : "the value of '" + Texts.shorten(owner) + "'";
    return new WebhookException(Reason.MALFORMED_BODY, "invalid UTF-8 in " + where + " at byte " + offset);
  }

  private static WebhookException malformedName(int start, String problem) {
    return new WebhookException(Reason.MALFORMED_BODY, "variable name at byte " + start + " has " + problem);
  }

  private WebhookException tooDeep(int start) {
    return new WebhookException(Reason.LIMIT_EXCEEDED,
        "variable at byte " + start + " is nested deeper than " + maxDepth + " brackets");
  }

  private WebhookException keyTooLong(int start) {
    return new WebhookException(Reason.LIMIT_EXCEEDED,
        "variable name at byte " + start + " is longer than " + maxKeyLength + " bytes");
  }
}
