package io.github.copernicawebhooks.event;

import io.github.copernicawebhooks.internal.Parsing;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event whose type this version does not know (a future or undocumented type, such as {@code survey}). It
 * keeps every variable in {@link #raw()}; parsing it never fails.
 *
 * <p>Its time is taken from whatever is usable: {@code timestamp} and {@code time} as for every event; when
 * only one of them is usable, the other is derived from it in the parser's zone; when neither is, both are
 * the moment the call was parsed (the parser's clock).
 *
 * @param type the type as sent (from {@code type}, or from {@code action} when {@code type} is absent)
 * @param timestamp the local date-time of the event (see above)
 * @param instant the instant of the event (see above)
 * @param raw every variable as received, keyed by full name
 */
public record UnknownEvent(String type, LocalDateTime timestamp, Instant instant, Map<String, List<String>> raw)
    implements WebhookEvent {

  /** Checks that no component is null and makes the raw variables immutable. */
  public UnknownEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    raw = Parsing.rawCopy(raw);
  }
}
