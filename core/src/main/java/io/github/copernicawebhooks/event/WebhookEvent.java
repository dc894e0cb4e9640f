package io.github.copernicawebhooks.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One Copernica webhook call, typed. The hierarchy is sealed, so a {@code switch} over it is exhaustive.
 *
 * <p>As JSON (with {@link WebhookEvents}, or a Jackson 3 mapper with
 * {@link io.github.copernicawebhooks.jackson.CopernicaWebhooksModule}) an event carries its Java type in the
 * property {@code "event"} (for example {@code "event":"ProfileUpdated"}), beside its components.
 */
public sealed interface WebhookEvent permits ProfileEvent, SubprofileEvent, EmailEvent, UnknownEvent {

  /** The event type exactly as sent ({@code create}, {@code update}, {@code delete}, {@code click}, ...). */
  String type();

  /** The local date-time of the event as sent in {@code timestamp}. */
  LocalDateTime timestamp();

  /** The exact instant: from {@code time} when sent, else {@code timestamp} in the configured zone. */
  Instant instant();

  /** Every variable as received, in order, keyed by the full name (for example {@code fields[email]}). */
  Map<String, List<String>> raw();

  /**
   * The id of the database the event is about, from {@code database}: a profile or subprofile event's, or
   * an {@link Unsubscribed}'s, when sent; empty for the other events.
   */
  default OptionalLong databaseId() {
    return OptionalLong.empty();
  }

  /** The id of the collection of a {@link SubprofileEvent}, when sent; empty for the other events. */
  default OptionalLong collectionId() {
    return OptionalLong.empty();
  }
}
