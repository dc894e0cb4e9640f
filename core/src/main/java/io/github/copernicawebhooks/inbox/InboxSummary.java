package io.github.copernicawebhooks.inbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The queryable columns of one stored event, as listed by {@link InboxOperations#list}.
 *
 * @param id the row id, also the event's {@linkplain io.github.copernicawebhooks.WebhookRequest#deliveryId()
 *     delivery id}
 * @param receivedAt when the call was stored
 * @param status where the event stands
 * @param eventType the simple name of the event's record, such as {@code ProfileUpdated} or {@code UnknownEvent}
 * @param profileId the profile the event is about, when it names one
 * @param subprofileId the subprofile the event is about, for subprofile events
 * @param databaseId the database, when sent
 * @param collectionId the collection, for subprofile events when sent
 * @param messageId the message id, for email events
 * @param attempts the handler attempts made so far (a claim counts as an attempt)
 * @param nextAttemptAt when the event is due next: for a pending or failed event its next attempt, for
 *     one in progress the moment its lease lapses; empty for handled and dead events
 * @param lastError the exception class and message of the last failed attempt
 */
public record InboxSummary(
    long id,
    Instant receivedAt,
    InboxStatus status,
    String eventType,
    OptionalLong profileId,
    OptionalLong subprofileId,
    OptionalLong databaseId,
    OptionalLong collectionId,
    Optional<String> messageId,
    int attempts,
    Optional<Instant> nextAttemptAt,
    Optional<String> lastError) {

  public InboxSummary {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(subprofileId, "subprofileId");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
  }
}
