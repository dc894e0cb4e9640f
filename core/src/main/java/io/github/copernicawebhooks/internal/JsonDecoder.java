package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
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

  /** Decodes the whole body; throws {@link WebhookException} for malformed input or a limit hit. */
  static DecodedBody decode(byte[] body, ParserLimits limits) {
    int invalid = Utf8.firstInvalid(body, 0, body.length);
    if (invalid >= 0) {
      throw new WebhookException(Reason.MALFORMED_BODY, "invalid UTF-8 at byte " + invalid);
    }
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
      return new JsonDecoder(parser, limits).decodeDocument();
    } catch (JacksonException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      throw new WebhookException(Reason.MALFORMED_BODY,
          "malformed JSON at byte " + offset + ": " + e.getOriginalMessage(), e);
    }
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
      long offset = parser.currentTokenLocation().getByteOffset();
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
      long offset = parser.currentTokenLocation().getByteOffset();
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
    if (utf8Length(name) > limits.maxKeyLength()) {
      throw new WebhookException(Reason.LIMIT_EXCEEDED,
          "variable name at byte " + offset + " is longer than " + limits.maxKeyLength() + " bytes");
    }
  }

  private static int utf8Length(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return length;
  }

  private WebhookException malformed(String problem) {
    return new WebhookException(Reason.MALFORMED_BODY,
        problem + " (byte " + parser.currentTokenLocation().getByteOffset() + ")");
  }
}
