package io.github.copernicawebhooks.internal;

import java.time.LocalDateTime;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The Jackson mapper this library uses for binding variables and for events as JSON. */
public final class JacksonSupport {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new SimpleModule("copernica-date-times")
          .addDeserializer(LocalDateTime.class, new CopernicaDateTimeDeserializer()))
      .build();

  private JacksonSupport() {}

  /** A mapper that ignores unknown properties and reads {@code 2024-01-31 23:59:00} as a LocalDateTime. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Reads Copernica's {@code YYYY-MM-DD HH:MM:SS} as well as ISO {@code YYYY-MM-DDTHH:MM:SS}. */
  private static final class CopernicaDateTimeDeserializer extends ValueDeserializer<LocalDateTime> {
    @Override
    public LocalDateTime deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (LocalDateTime) context.handleUnexpectedToken(LocalDateTime.class, parser);
      }
      String text = parser.getString().trim();
      if (text.isEmpty()) {
        return null;
      }
      LocalDateTime result = Values.dateTimeOrNull(text);
      if (result == null) {
        try {
          return LocalDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
          return (LocalDateTime) context.handleWeirdStringValue(LocalDateTime.class, text,
              "not a date-time like 2024-01-31 23:59:00");
        }
      }
      return result;
    }
  }
}
