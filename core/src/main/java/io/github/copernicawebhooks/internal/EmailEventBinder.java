package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.ComplaintReceived;
import io.github.copernicawebhooks.event.EmailBounced;
import io.github.copernicawebhooks.event.EmailClicked;
import io.github.copernicawebhooks.event.EmailDelivered;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.EmailFailed;
import io.github.copernicawebhooks.event.EmailOpened;
import io.github.copernicawebhooks.event.Unsubscribed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Binds the variables of an email event ({@code click}, {@code open}, {@code delivery}, {@code failure},
 * {@code bounce}, {@code unsubscribe}, {@code complaint} or {@code abuse}). Here {@code action} is a value
 * of the event (a failure's own action), never a second name of its type.
 */
final class EmailEventBinder {

  /** The email event types, by the type values that name them. */
  private enum Kind { CLICK, OPEN, DELIVERY, FAILURE, BOUNCE, UNSUBSCRIBE, COMPLAINT }

  private final DecodedBody body;
  private final ZoneId zone;
  private final Clock clock;
  private final EmailVariables variables;

  private EmailEventBinder(DecodedBody body, ZoneId zone, Clock clock) {
    this.body = body;
    this.zone = zone;
    this.clock = clock;
    this.variables = new EmailVariables(body);
  }

  /** Whether the type (of any case) names an email event. */
  static boolean isEmailType(String type) {
    return kindOf(type) != null;
  }

  /** The email event for the decoded variables; the type must be one {@link #isEmailType} accepts. */
  static EmailEvent bind(String type, DecodedBody body, ZoneId zone, Clock clock) {
    Kind kind = kindOf(type);
    if (kind == null) {
      throw new IllegalArgumentException("not an email event type: " + type);
    }
    return new EmailEventBinder(body, zone, clock).bind(kind, type);
  }

  private static @Nullable Kind kindOf(String type) {
    switch (type.toLowerCase(Locale.ROOT)) {
      case "click": return Kind.CLICK;
      case "open": return Kind.OPEN;
      case "delivery": return Kind.DELIVERY;
      case "failure":
      case "failed": return Kind.FAILURE;
      case "bounce": return Kind.BOUNCE;
      case "unsubscribe": return Kind.UNSUBSCRIBE;
      case "complaint":
      case "abuse": return Kind.COMPLAINT;
      default: return null;
    }
  }

  private EmailEvent bind(Kind kind, String type) {
    String id = messageId();
    Optional<String> recipient = text(variables.recipient);
    List<String> tags = Tags.of(body, variables.tags);
    OptionalLong profile = id(variables.profile);
    OptionalLong mailing = id(variables.mailing);
    @Nullable LocalDateTime sentTimestamp = sentTimestamp();
    Instant instant = instant(sentTimestamp);
    LocalDateTime timestamp = sentTimestamp != null ? sentTimestamp : LocalDateTime.ofInstant(instant, zone);
    switch (kind) {
      case CLICK:
        return new EmailClicked(type, id, recipient, tags, profile, mailing, text(variables.ip),
            text(variables.original), text(variables.userAgent), text(variables.referer), timestamp, instant, body.raw());
      case OPEN:
        return new EmailOpened(type, id, recipient, tags, profile, mailing, text(variables.ip),
            text(variables.userAgent), text(variables.referer), timestamp, instant, body.raw());
      case DELIVERY:
        return new EmailDelivered(type, id, recipient, tags, profile, mailing, timestamp, instant, body.raw());
      case FAILURE:
        return new EmailFailed(type, id, recipient, tags, profile, mailing, text(variables.action),
            text(variables.state), text(variables.code), text(variables.extended), text(variables.description),
            timestamp, instant, body.raw());
      case BOUNCE:
        return new EmailBounced(type, id, recipient, tags, profile, mailing, text(variables.envelope),
            text(variables.mime), timestamp, instant, body.raw());
      case UNSUBSCRIBE:
        return new Unsubscribed(type, id, recipient, tags, profile, mailing, id(variables.database),
            timestamp, instant, body.raw());
      default:
        return new ComplaintReceived(type, id, recipient, tags, profile, mailing, text(variables.emailFrom),
            text(variables.mime), timestamp, instant, body.raw());
    }
  }

  private String messageId() {
    if (variables.id < 0) {
      throw new WebhookException(Reason.MISSING_VARIABLE, "variable 'id' is missing");
    }
    String value = body.value(variables.id);
    if (value.isEmpty()) {
      throw Values.invalid("id", value, "is empty");
    }
    return value;
  }

  private @Nullable LocalDateTime sentTimestamp() {
    return isSent(variables.timestamp) ? Values.dateTime("timestamp", body.value(variables.timestamp)) : null;
  }

  /** From {@code time} when sent; else {@code timestamp} in the zone; else the clock's time. */
  private Instant instant(@Nullable LocalDateTime timestamp) {
    if (isSent(variables.time)) {
      return Values.epochSeconds("time", body.value(variables.time));
    }
    return timestamp != null ? ZoneWindow.instant(timestamp, zone) : clock.instant();
  }

  private boolean isSent(int index) {
    return index >= 0 && !body.value(index).isEmpty();
  }

  /** The value, absent when not sent or empty (PHP sends a null as an empty string). */
  private Optional<String> text(int index) {
    return isSent(index) ? Optional.of(body.value(index)) : Optional.empty();
  }

  private OptionalLong id(int index) {
    return isSent(index) ? OptionalLong.of(Values.id(body.name(index), body.value(index))) : OptionalLong.empty();
  }
}
