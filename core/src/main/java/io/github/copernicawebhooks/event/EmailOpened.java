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
 * A message was opened, as far as an image load tells (type {@code open}).
 *
 * @param type the type as sent (from {@code type}, or from {@code action} when {@code type} is absent)
 * @param messageId {@code id}: the id of the message
 * @param recipient {@code recipient}, when sent and not empty
 * @param tags {@code tags}: the tags of the message (see {@link EmailEvent#tags()})
 * @param profileId {@code profile}, when sent and not empty
 * @param mailingId {@code mailing}, when sent and not empty
 * @param ip {@code ip}: the address of the client that opened it
 * @param userAgent {@code useragent}: the client's {@code User-Agent}
 * @param referer {@code referer}: the client's {@code Referer}
 * @param timestamp {@code timestamp}, as sent (local time); without it, {@code time} in the parser's zone
 * @param instant from {@code time} when sent, else {@code timestamp} in the parser's zone (without either:
 *     the parser's clock)
 * @param raw every variable as received, keyed by full name
 */
public record EmailOpened(
    String type,
    String messageId,
    Optional<String> recipient,
    List<String> tags,
    OptionalLong profileId,
    OptionalLong mailingId,
    Optional<String> ip,
    Optional<String> userAgent,
    Optional<String> referer,
    LocalDateTime timestamp,
    Instant instant,
    Map<String, List<String>> raw)
    implements EmailEvent {

  /** Checks that no component is null and makes the collections immutable. */
  public EmailOpened {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(recipient, "recipient");
    tags = List.copyOf(tags);
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(mailingId, "mailingId");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(referer, "referer");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(instant, "instant");
    raw = Parsing.rawCopy(raw);
  }
}
