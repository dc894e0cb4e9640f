package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.ProfileCreated;
import io.github.copernicawebhooks.event.ProfileDeleted;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileCreated;
import io.github.copernicawebhooks.event.SubprofileDeleted;
import io.github.copernicawebhooks.event.SubprofileUpdated;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.Variables;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Binds decoded variables to the typed event their {@code type} (or {@code action}) names. The rule that
 * {@code type} and {@code action} must agree holds for the profile types only: for an email type
 * ({@link EmailEventBinder}) {@code action} is data, such as a failure's own action.
 */
final class EventBinder {

  private static final String[] KINDS = {"update", "create", "delete"};

  private final DecodedBody body;
  private final ZoneId zone;
  private final Clock clock;
  private final Envelope envelope;

  private EventBinder(DecodedBody body, ZoneId zone, Clock clock) {
    this.body = body;
    this.zone = zone;
    this.clock = clock;
    this.envelope = new Envelope(body);
  }

  /**
   * The event for the decoded variables.
   *
   * @param zone the zone of {@code timestamp} when {@code time} is absent
   * @param clock the clock that dates an unknown event that carries no usable time
   */
  public static WebhookEvent bind(DecodedBody body, ZoneId zone, Clock clock) {
    return new EventBinder(body, zone, clock).bind();
  }

  private WebhookEvent bind() {
    String type = envelope.type();
    String kind = kindOf(type);
    if (kind == null) {
      return EmailEventBinder.isEmailType(type) ? EmailEventBinder.bind(type, body, zone, clock) : unknown(type);
    }
    envelope.requireAgreeingAction(type);
    boolean subprofile = envelope.isSubprofileEvent();
    if (kind.equals("delete")) {
      return subprofile ? subprofileDeleted(type) : profileDeleted(type);
    }
    boolean created = kind.equals("create");
    if (subprofile) {
      return created ? subprofileCreated(type) : subprofileUpdated(type);
    }
    return created ? profileCreated(type) : profileUpdated(type);
  }

  /** {@code create}, {@code update} or {@code delete} for a type of any case, else null. */
  private static @Nullable String kindOf(String type) {
    for (String kind : KINDS) {
      if (kind.equals(type) || kind.equalsIgnoreCase(type)) {
        return kind;
      }
    }
    return null;
  }

  private ProfileCreated profileCreated(String type) {
    LocalDateTime timestamp = timestamp();
    return new ProfileCreated(type, requiredId(envelope.profile, "profile"), optionalId(envelope.database),
        variables(DecodedBody.FIELDS, envelope.firstField, envelope.fieldCount), variables(DecodedBody.PARAMETERS, envelope.firstParameter, envelope.parameterCount),
        Interests.of(body, envelope.firstInterest, envelope.interestCount), timestamp, instant(timestamp),
        optionalDateTime(envelope.created, timestamp), optionalDateTime(envelope.modified, timestamp), body.raw());
  }

  private ProfileUpdated profileUpdated(String type) {
    LocalDateTime timestamp = timestamp();
    return new ProfileUpdated(type, requiredId(envelope.profile, "profile"), optionalId(envelope.database),
        variables(DecodedBody.FIELDS, envelope.firstField, envelope.fieldCount), variables(DecodedBody.PARAMETERS, envelope.firstParameter, envelope.parameterCount),
        Interests.of(body, envelope.firstInterest, envelope.interestCount), timestamp, instant(timestamp),
        optionalDateTime(envelope.created, timestamp), optionalDateTime(envelope.modified, timestamp), body.raw());
  }

  private ProfileDeleted profileDeleted(String type) {
    LocalDateTime timestamp = timestamp();
    return new ProfileDeleted(type, requiredId(envelope.profile, "profile"), optionalId(envelope.database),
        variables(DecodedBody.FIELDS, envelope.firstField, envelope.fieldCount), timestamp, instant(timestamp), body.raw());
  }

  private SubprofileCreated subprofileCreated(String type) {
    LocalDateTime timestamp = timestamp();
    return new SubprofileCreated(type, requiredId(envelope.subprofile, "subprofile"),
        requiredId(envelope.profile, "profile"), optionalId(envelope.database), optionalId(envelope.collection),
        variables(DecodedBody.FIELDS, envelope.firstField, envelope.fieldCount), variables(DecodedBody.PARAMETERS, envelope.firstParameter, envelope.parameterCount),
        timestamp, instant(timestamp), optionalDateTime(envelope.created, timestamp), optionalDateTime(envelope.modified, timestamp),
        body.raw());
  }

  private SubprofileUpdated subprofileUpdated(String type) {
    LocalDateTime timestamp = timestamp();
    return new SubprofileUpdated(type, requiredId(envelope.subprofile, "subprofile"),
        requiredId(envelope.profile, "profile"), optionalId(envelope.database), optionalId(envelope.collection),
        variables(DecodedBody.FIELDS, envelope.firstField, envelope.fieldCount), variables(DecodedBody.PARAMETERS, envelope.firstParameter, envelope.parameterCount),
        timestamp, instant(timestamp), optionalDateTime(envelope.created, timestamp), optionalDateTime(envelope.modified, timestamp),
        body.raw());
  }

  private SubprofileDeleted subprofileDeleted(String type) {
    LocalDateTime timestamp = timestamp();
    return new SubprofileDeleted(type, requiredId(envelope.subprofile, "subprofile"),
        requiredId(envelope.profile, "profile"), optionalId(envelope.database), optionalId(envelope.collection),
        variables(DecodedBody.FIELDS, envelope.firstField, envelope.fieldCount), timestamp, instant(timestamp), body.raw());
  }

  /** Never throws: an unusable time falls back to the other time variable, then to the clock. */
  private UnknownEvent unknown(String type) {
    @Nullable LocalDateTime timestamp =
        envelope.timestamp < 0 ? null : Values.dateTimeOrNull(body.value(envelope.timestamp));
    @Nullable Instant time = envelope.time < 0 ? null : Values.epochSecondsOrNull(body.value(envelope.time));
    if (timestamp != null) {
      return new UnknownEvent(type, timestamp, time != null ? time : ZoneWindow.instant(timestamp, zone), body.raw());
    }
    Instant instant = time != null ? time : clock.instant();
    return new UnknownEvent(type, LocalDateTime.ofInstant(instant, zone), instant, body.raw());
  }

  private LocalDateTime timestamp() {
    if (envelope.timestamp < 0) {
      throw missing("timestamp");
    }
    return Values.dateTime("timestamp", body.value(envelope.timestamp));
  }

  private Instant instant(LocalDateTime timestamp) {
    if (envelope.time < 0 || body.value(envelope.time).isEmpty()) {
      return ZoneWindow.instant(timestamp, zone);
    }
    return Values.epochSeconds("time", body.value(envelope.time));
  }

  private long requiredId(int index, String name) {
    if (index < 0) {
      throw missing(name);
    }
    return Values.id(name, body.value(index));
  }

  private OptionalLong optionalId(int index) {
    if (index < 0 || body.value(index).isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Values.id(body.name(index), body.value(index)));
  }

  private Optional<LocalDateTime> optionalDateTime(int index, LocalDateTime timestamp) {
    if (index < 0) {
      return Optional.empty();
    }
    String value = body.value(index);
    if (value.isEmpty() || Values.isZeroDateTime(value)) {
      return Optional.empty();
    }
    if (value.equals(body.value(envelope.timestamp))) {
      return Optional.of(timestamp); // modified usually equals timestamp: no need to read it twice
    }
    return Optional.of(Values.dateTime(body.name(index), value));
  }

  /**
   * The {@code count} one-level variables of {@code group} ({@code fields[email]}), the first at index
   * {@code first}; deeper ones stay in raw() only.
   */
  private Variables variables(byte group, int first, int count) {
    if (count == 0) {
      return Variables.empty();
    }
    String[] names = new String[count];
    String[] values = new String[count];
    int size = 0;
    for (int i = first, seen = 0; i < body.size() && seen < count; i++) {
      if (body.group(i) == group && body.depth(i) == 1) {
        seen++;
        String key = body.key(i);
        if (!key.isEmpty()) {
          names[size] = key;
          values[size] = body.value(i);
          size++;
        }
      }
    }
    return Variables.of(new OrderedStrings(names, values, size));
  }

  static WebhookException missing(String name) {
    return new WebhookException(Reason.MISSING_VARIABLE, "variable '" + name + "' is missing");
  }
}
