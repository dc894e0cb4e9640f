package io.github.copernicawebhooks.event;

import io.github.copernicawebhooks.internal.Parsing;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A profile was updated. {@code parameters} hold what changed; {@code fields} and {@code interests} the state after the update.
 *
 * @param type the type as sent ({@code create}, {@code update} or {@code delete}, from {@code type} or {@code action})
 * @param profileId {@code profile}: the profile id (for a subprofile event: the owning profile)
 * @param databaseId {@code database}, when sent
 * @param fields {@code fields[...]}: the current field values
 * @param parameters {@code parameters[...]}: the parameters of the action
 * @param interests the interest names, in order, from any of the interest shapes
 * @param timestamp {@code timestamp}, as sent (local time)
 * @param instant from {@code time} when sent, else {@code timestamp} in the parser's zone
 * @param created {@code created}, when sent and not empty
 * @param modified {@code modified}, when sent and not empty
 * @param raw every variable as received, keyed by full name
 */
public record ProfileUpdated(
    String type,
    long profileId,
    OptionalLong databaseId,
    Variables fields,
    Variables parameters,
    List<String> interests,
    LocalDateTime timestamp,
    Instant instant,
    Optional<LocalDateTime> created,
    Optional<LocalDateTime> modified,
    Map<String, List<String>> raw)
    implements ProfileEvent {

  /** Checks that no component is null and makes the collections immutable. */
  public ProfileUpdated {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(parameters, "parameters");
    interests = List.copyOf(interests);
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(modified, "modified");
    raw = Parsing.rawCopy(raw);
  }
}
