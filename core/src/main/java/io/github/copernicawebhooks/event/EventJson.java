package io.github.copernicawebhooks.event;

import io.github.copernicawebhooks.internal.Parsing;
import io.github.copernicawebhooks.jackson.CopernicaWebhooksModule;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The mapper of {@link WebhookEvents} and {@link Variables#as(Class)}: the events' module, unknown
 * properties ignored, and Copernica's {@code 2024-01-31 23:59:00} read as a {@link LocalDateTime}.
 */
final class EventJson {

  static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new CopernicaWebhooksModule())
      .addModule(new SimpleModule("copernica-date-times")
          .addDeserializer(LocalDateTime.class, new CopernicaDateTimeDeserializer()))
      .build();

  private EventJson() {}

  /** Reads Copernica's {@code YYYY-MM-DD HH:MM:SS} as well as ISO {@code YYYY-MM-DDTHH:MM:SS}. */
  private static final class CopernicaDateTimeDeserializer extends ValueDeserializer<LocalDateTime> {
    @Override
    public @Nullable LocalDateTime deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (LocalDateTime) context.handleUnexpectedToken(LocalDateTime.class, parser);
      }
      String text = parser.getString().trim();
      if (text.isEmpty()) {
        return null;
      }
      LocalDateTime result = Parsing.dateTimeOrNull(text);
      if (result == null) {
        try {
          return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
          return (LocalDateTime) context.handleWeirdStringValue(LocalDateTime.class, text,
              "not a date-time like 2024-01-31 23:59:00");
        }
      }
      return result;
    }
  }
}
