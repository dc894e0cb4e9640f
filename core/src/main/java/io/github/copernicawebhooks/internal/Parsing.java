package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point to parsing for the rest of the SDK: content types, decoding, binding, and the value
 * rules and maps the event records share with the parser. Every class behind it is package-private. Not
 * API: {@link io.github.copernicawebhooks.WebhookParser} is.
 */
public final class Parsing {

  /** The form content type. */
  public static final String FORM = ContentTypes.FORM;
  /** The JSON content type. */
  public static final String JSON = ContentTypes.JSON;

  private Parsing() {}

  /**
   * Whether the content type is JSON ({@code true}) or form-urlencoded ({@code false}).
   *
   * @throws WebhookException with reason {@code UNSUPPORTED_CONTENT_TYPE} for anything else, or a charset
   *     {@link #bodyType} refuses
   */
  public static boolean isJson(@Nullable String contentType) {
    return ContentTypes.of(contentType).json();
  }

  /**
   * The body type and charset a content type declares.
   *
   * @throws WebhookException with reason {@code UNSUPPORTED_CONTENT_TYPE} for a content type that is neither
   *     form nor JSON, a charset this runtime does not know, or a charset other than UTF-8, -16 or -32 for JSON
   */
  public static BodyType bodyType(@Nullable String contentType) {
    return ContentTypes.of(contentType);
  }

  /** Decodes a body and binds it to its typed event. */
  public static WebhookEvent event(byte[] body, BodyType type, ParserLimits limits, ZoneId zone, Clock clock) {
    return EventBinder.bind(decode(body, type, limits), zone, clock);
  }

  /**
   * The decoded variables of a body of the given content type, in the order received, each with its full
   * name.
   */
  public static List<Map.Entry<String, String>> variables(byte[] body, String contentType, ParserLimits limits) {
    DecodedBody decoded = decode(body, ContentTypes.of(contentType), limits);
    List<Map.Entry<String, String>> variables = new ArrayList<>(decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      variables.add(new AbstractMap.SimpleImmutableEntry<>(decoded.name(i), decoded.value(i)));
    }
    return variables;
  }

  /** An immutable, ordered copy of named values (the map itself when it already is one). */
  public static Map<String, String> orderedCopy(Map<String, String> values) {
    return OrderedStrings.copyOf(values);
  }

  /** An immutable, ordered copy of an event's raw variables (the map itself when it already is one). */
  public static Map<String, List<String>> rawCopy(Map<String, List<String>> raw) {
    return RawVariables.copyOf(raw);
  }

  /** The empty map of named values. */
  public static Map<String, String> noValues() {
    return OrderedStrings.empty();
  }

  /** Copernica's {@code 2024-01-31 23:59:00}, as the parser reads it; {@code null} when it is not one. */
  public static @Nullable LocalDateTime dateTimeOrNull(String text) {
    return Values.dateTimeOrNull(text);
  }

  private static DecodedBody decode(byte[] body, BodyType type, ParserLimits limits) {
    if (type.isUtf8()) {
      return type.json() ? JsonDecoder.decode(body, limits) : FormDecoder.decode(body, limits);
    }
    return type.json()
        ? JsonDecoder.decode(body, type.charset(), limits)
        : CharsetFormDecoder.decode(body, type.charset(), limits);
  }
}
