package io.github.copernicawebhooks.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * One Copernica webhook call, typed. The hierarchy is sealed, so a {@code switch} over it is exhaustive.
 *
 * <p>As JSON (with {@link WebhookEvents} or any Jackson 3 mapper) an event carries its Java type in the
 * property {@code "event"} (for example {@code "event":"ProfileUpdated"}), beside its components.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ProfileCreated.class, name = "ProfileCreated"),
  @JsonSubTypes.Type(value = ProfileUpdated.class, name = "ProfileUpdated"),
  @JsonSubTypes.Type(value = ProfileDeleted.class, name = "ProfileDeleted"),
  @JsonSubTypes.Type(value = SubprofileCreated.class, name = "SubprofileCreated"),
  @JsonSubTypes.Type(value = SubprofileUpdated.class, name = "SubprofileUpdated"),
  @JsonSubTypes.Type(value = SubprofileDeleted.class, name = "SubprofileDeleted"),
  @JsonSubTypes.Type(value = EmailClicked.class, name = "EmailClicked"),
  @JsonSubTypes.Type(value = EmailOpened.class, name = "EmailOpened"),
  @JsonSubTypes.Type(value = EmailDelivered.class, name = "EmailDelivered"),
  @JsonSubTypes.Type(value = EmailFailed.class, name = "EmailFailed"),
  @JsonSubTypes.Type(value = EmailBounced.class, name = "EmailBounced"),
  @JsonSubTypes.Type(value = Unsubscribed.class, name = "Unsubscribed"),
  @JsonSubTypes.Type(value = ComplaintReceived.class, name = "ComplaintReceived"),
  @JsonSubTypes.Type(value = UnknownEvent.class, name = "UnknownEvent")
})
public sealed interface WebhookEvent permits ProfileEvent, SubprofileEvent, EmailEvent, UnknownEvent {

  /** The event type exactly as sent ({@code create}, {@code update}, {@code delete}, {@code click}, ...). */
  String type();

  /** The local date-time of the event as sent in {@code timestamp}. */
  LocalDateTime timestamp();

  /** The exact instant: from {@code time} when sent, else {@code timestamp} in the configured zone. */
  Instant instant();

  /** Every variable as received, in order, keyed by the full name (for example {@code fields[email]}). */
  Map<String, List<String>> raw();
}
