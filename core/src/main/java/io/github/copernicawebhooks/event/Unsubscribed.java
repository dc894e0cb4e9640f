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
 * A recipient unsubscribed through a message (type {@code unsubscribe}).
 *
 * @param type the type as sent (from {@code type}, or from {@code action} when {@code type} is absent)
 * @param messageId {@code id}: the id of the message
 * @param recipient {@code recipient}, when sent and not empty
 * @param tags {@code tags}: the tags of the message (see {@link EmailEvent#tags()})
 * @param profileId {@code profile}, when sent and not empty
 * @param mailingId {@code mailing}, when sent and not empty
 * @param databaseId {@code database}, when sent and not empty
 * @param timestamp {@code timestamp}, as sent (local time); without it, {@code time} in the parser's zone
 * @param instant from {@code time} when sent, else {@code timestamp} in the parser's zone (without either:
 *     the parser's clock)
 * @param raw every variable as received, keyed by full name
 */
public record Unsubscribed(
    String type,
    String messageId,
    Optional<String> recipient,
    List<String> tags,
    OptionalLong profileId,
    OptionalLong mailingId,
    OptionalLong databaseId,
    LocalDateTime timestamp,
    Instant instant,
    Map<String, List<String>> raw)
    implements EmailEvent {

  /** Checks that no component is null and makes the collections immutable. */
  public Unsubscribed {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(recipient, "recipient");
    tags = List.copyOf(tags);
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(mailingId, "mailingId");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    raw = Parsing.rawCopy(raw);
  }
}
