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
 * A message could not be delivered, during the SMTP dialogue or by a later report (type
 * {@code failure}; also {@code action=failure} or {@code action=failed} without {@code type}).
 *
 * @param type the type as sent (from {@code type}, or from {@code action} when {@code type} is absent)
 * @param messageId {@code id}: the id of the message
 * @param recipient {@code recipient}, when sent and not empty
 * @param tags {@code tags}: the tags of the message (see {@link EmailEvent#tags()})
 * @param profileId {@code profile}, when sent and not empty
 * @param mailingId {@code mailing}, when sent and not empty
 * @param action {@code action}: the failure's own action ({@code failure}, {@code failed}, ...), a data
 *     value of this event, not its type
 * @param state {@code state}: where in the SMTP dialogue it failed ({@code bounce} for a later report)
 * @param code {@code code}: the SMTP reply code, such as {@code 550}
 * @param extended {@code extended}: the extended status code, such as {@code 5.1.1}
 * @param description {@code description}: the error text
 * @param timestamp {@code timestamp}, as sent (local time); without it, {@code time} in the parser's zone
 * @param instant from {@code time} when sent, else {@code timestamp} in the parser's zone (without either:
 *     the parser's clock)
 * @param raw every variable as received, keyed by full name
 */
public record EmailFailed(
    String type,
    String messageId,
    Optional<String> recipient,
    List<String> tags,
    OptionalLong profileId,
    OptionalLong mailingId,
    Optional<String> action,
    Optional<String> state,
    Optional<String> code,
    Optional<String> extended,
    Optional<String> description,
    LocalDateTime timestamp,
    Instant instant,
    Map<String, List<String>> raw)
    implements EmailEvent {

  /** Checks that no component is null and makes the collections immutable. */
  public EmailFailed {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(recipient, "recipient");
    tags = List.copyOf(tags);
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(mailingId, "mailingId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(extended, "extended");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    raw = Parsing.rawCopy(raw);
  }
}
