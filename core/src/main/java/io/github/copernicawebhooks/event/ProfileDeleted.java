package io.github.copernicawebhooks.event;

import io.github.copernicawebhooks.internal.Parsing;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A profile was deleted. {@code fields} are those of the deleted profile (possibly empty).
 *
 * @param type the type as sent ({@code create}, {@code update} or {@code delete}, from {@code type} or {@code action})
 * @param profileId {@code profile}: the profile id (for a subprofile event: the owning profile)
 * @param databaseId {@code database}, when sent
 * @param fields {@code fields[...]}: the current field values
 * @param timestamp {@code timestamp}, as sent (local time)
 * @param instant from {@code time} when sent, else {@code timestamp} in the parser's zone
 * @param raw every variable as received, keyed by full name
 */
public record ProfileDeleted(
    String type,
    long profileId,
    OptionalLong databaseId,
    Variables fields,
    LocalDateTime timestamp,
    Instant instant,
    Map<String, List<String>> raw)
    implements ProfileEvent {

  /** Checks that no component is null and makes the collections immutable. */
  public ProfileDeleted {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    raw = Parsing.rawCopy(raw);
  }
}
