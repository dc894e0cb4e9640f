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
 * A subprofile was updated. {@code parameters} hold what changed; {@code fields} the state after the update.
 *
 * @param type the type as sent ({@code create}, {@code update} or {@code delete}, from {@code type} or {@code action})
 * @param subprofileId {@code subprofile}: the subprofile id
 * @param profileId {@code profile}: the profile id (for a subprofile event: the owning profile)
 * @param databaseId {@code database}, when sent
 * @param collectionId {@code collection}, when sent
 * @param fields {@code fields[...]}: the current field values
 * @param parameters {@code parameters[...]}: the parameters of the action
 * @param timestamp {@code timestamp}, as sent (local time)
 * @param instant from {@code time} when sent, else {@code timestamp} in the parser's zone
 * @param created {@code created}, when sent and not empty
 * @param modified {@code modified}, when sent and not empty
 * @param raw every variable as received, keyed by full name
 */
public record SubprofileUpdated(
    String type,
    long subprofileId,
    long profileId,
    OptionalLong databaseId,
    OptionalLong collectionId,
    Variables fields,
    Variables parameters,
    LocalDateTime timestamp,
    Instant instant,
    Optional<LocalDateTime> created,
    Optional<LocalDateTime> modified,
    Map<String, List<String>> raw)
    implements SubprofileEvent {

  /** Checks that no component is null and makes the collections immutable. */
  public SubprofileUpdated {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(modified, "modified");
    raw = Parsing.rawCopy(raw);
  }
}
