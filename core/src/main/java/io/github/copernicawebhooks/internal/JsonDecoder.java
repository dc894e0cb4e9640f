package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes an {@code application/json} body (the "decoded" shape of Copernica's documentation) into the same
 * variables a form body would give: nested objects become bracket names ({@code {"fields":{"email":..}}} is
 * {@code fields[email]}), arrays of scalars become {@code name[]} (arrays holding objects or arrays use their
 * index, {@code name[0]}), numbers keep their text, {@code true}/{@code false} become {@code 1}/{@code 0}
 * (as PHP's {@code http_build_query} writes them) and {@code null} is left out, as PHP leaves it out.
 */
final class JsonDecoder {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final ParserLimits limits;
  private final DecodedBody out;
  private final JsonParser parser;

  private JsonDecoder(JsonParser parser, ParserLimits limits) {
    this.parser = parser;
    this.limits = limits;
    this.out = new DecodedBody(limits, 16);
  }

  /** Decodes the whole UTF-8 body; throws {@link WebhookException} for malformed input or a limit hit. */
  static DecodedBody decode(byte[] body, ParserLimits limits) {
    int invalid = Utf8.firstInvalid(body, 0, body.length);
    if (invalid >= 0) {
      throw new WebhookException(Reason.MALFORMED_BODY, "invalid UTF-8 at byte " + invalid);
    }
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
      return new JsonDecoder(parser, limits).decodeDocument();
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * Decodes a body declared in UTF-16 or UTF-32, as text: positions in messages then count characters. A
   * leading byte order mark is skipped, as RFC 8259 lets a parser do.
   */
  static DecodedBody decode(byte[] body, Charset charset, ParserLimits limits) {
    String text = Charsets.decode(body, 0, body.length, charset, "the body", index -> index);
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text.substring(start))) {
      return new JsonDecoder(parser, limits).decodeDocument();
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  private static WebhookException malformed(JacksonException e) {
    return new WebhookException(Reason.MALFORMED_BODY,
        "malformed JSON at byte " + offset(e.getLocation()) + ": " + e.getOriginalMessage(), e);
  }

  /** The byte offset of a location, or its character offset when the parser reads text. */
  private static long offset(@Nullable TokenStreamLocation location) {
    if (location == null) {
      return -1;
    }
    long bytes = location.getByteOffset();
    return bytes >= 0 ? bytes : location.getCharOffset();
  }

  private long tokenOffset() {
    return offset(parser.currentTokenLocation());
  }

  private DecodedBody decodeDocument() {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw malformed("a JSON body must be an object");
    }
    readObject(null, 0);
    if (parser.nextToken() != null) {
      throw malformed("content after the JSON object");
    }
    return out;
  }

  private void readObject(@Nullable String prefix, int depth) {
    String key;
    while ((key = parser.nextName()) != null) {
      long offset = tokenOffset();
      String name = prefix == null ? key : prefix + '[' + segment(key, offset) + ']';
      readValue(name, depth, offset);
    }
  }

  private void readValue(String name, int depth, long offset) {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.START_OBJECT) {
      readObject(checkedPrefix(name, depth, offset), depth + 1);
    } else if (token == JsonToken.START_ARRAY) {
      readArray(checkedPrefix(name, depth, offset), depth + 1);
    } else if (token == JsonToken.VALUE_TRUE) {
      add(name, "1", offset);
    } else if (token == JsonToken.VALUE_FALSE) {
      add(name, "0", offset);
    } else if (token != JsonToken.VALUE_NULL) {
      add(name, parser.getString(), offset);
    }
  }

  private void readArray(String prefix, int depth) {
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      long offset = tokenOffset();
      if (token == JsonToken.START_OBJECT) {
        readObject(checkedPrefix(prefix + '[' + index + ']', depth, offset), depth + 1);
      } else if (token == JsonToken.START_ARRAY) {
        readArray(checkedPrefix(prefix + '[' + index + ']', depth, offset), depth + 1);
      } else if (token == JsonToken.VALUE_TRUE) {
        add(prefix + "[]", "1", offset);
      } else if (token == JsonToken.VALUE_FALSE) {
        add(prefix + "[]", "0", offset);
      } else if (token != JsonToken.VALUE_NULL) {
        add(prefix + "[]", parser.getString(), offset);
      }
      index++;
    }
  }

  /** The name as the prefix of nested values, refused before nesting deeper than the limit. */
  private String checkedPrefix(String name, int depth, long offset) {
    if (depth + 1 > limits.maxDepth()) {
      throw new WebhookException(Reason.LIMIT_EXCEEDED, "'" + Texts.shorten(name) + "' at byte " + offset
          + " is nested deeper than " + limits.maxDepth() + " levels");
    }
    checkKeyLength(name, offset);
    return name;
  }

  private static String segment(String key, long offset) {
    if (key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
      throw new WebhookException(Reason.MALFORMED_BODY,
          "nested JSON key '" + Texts.shorten(key) + "' at byte " + offset + " contains a bracket");
    }
    return key;
  }

  private void add(String name, String value, long offset) {
    checkKeyLength(name, offset);
    out.add(name, value, (int) offset);
  }

  private void checkKeyLength(String name, long offset) {
    if (Utf8.length(name) > limits.maxKeyLength()) {
      throw new WebhookException(Reason.LIMIT_EXCEEDED,
          "variable name at byte " + offset + " is longer than " + limits.maxKeyLength() + " bytes");
    }
  }

  private WebhookException malformed(String problem) {
    return new WebhookException(Reason.MALFORMED_BODY,
        problem + " (byte " + tokenOffset() + ")");
  }
}
