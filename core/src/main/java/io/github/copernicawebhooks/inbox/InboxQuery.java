package io.github.copernicawebhooks.inbox;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which stored events to {@linkplain InboxOperations#list list} or {@linkplain InboxOperations#purge purge}:
 * every given criterion must match. Start from {@link #all()} and narrow it with the withers.
 *
 * <pre>{@code
 * InboxPage dead = inbox.list(InboxQuery.all().withStatuses(InboxStatus.DEAD).withLimit(20));
 * }</pre>
 *
 * @param statuses the statuses to match; empty matches every status
 * @param eventType the {@linkplain InboxSummary#eventType() event type} to match, such as {@code ProfileUpdated}
 * @param id an id that the event's profile, subprofile, database or collection id must equal
 * @param messageId the message id (of email events) to match
 * @param from the earliest received time, inclusive
 * @param to the latest received time, exclusive
 * @param offset how many matching events to skip (newest first); ignored by purge
 * @param limit how many events one page holds at most, 1 to {@link #MAX_LIMIT}; ignored by purge
 */
public record InboxQuery(
    Set<InboxStatus> statuses,
    Optional<String> eventType,
    OptionalLong id,
    Optional<String> messageId,
    Optional<Instant> from,
    Optional<Instant> to,
    int offset,
    int limit) {

  /** The page size of {@link #all()}. */
  public static final int DEFAULT_LIMIT = 50;

  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  public InboxQuery {
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
  }

  /** Every stored event, newest first, the first {@link #DEFAULT_LIMIT}. */
  public static InboxQuery all() {
    return new InboxQuery(Set.of(), Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), 0, DEFAULT_LIMIT);
  }

  /** This query matching only these statuses; none matches every status. */
  public InboxQuery withStatuses(InboxStatus... statuses) {
    return withStatuses(Set.of(statuses));
  }

  /** This query matching only these statuses; an empty set matches every status. */
  public InboxQuery withStatuses(Set<InboxStatus> statuses) {
    return new InboxQuery(statuses, eventType, id, messageId, from, to, offset, limit);
  }

  /** This query matching only events of this type, such as {@code ProfileUpdated}. */
  public InboxQuery withEventType(String eventType) {
    return new InboxQuery(statuses, Optional.of(eventType), id, messageId, from, to, offset, limit);
  }

  /** This query matching only events whose profile, subprofile, database or collection id is this one. */
  public InboxQuery withId(long id) {
    return new InboxQuery(statuses, eventType, OptionalLong.of(id), messageId, from, to, offset, limit);
  }

  /** This query matching only email events with this message id. */
  public InboxQuery withMessageId(String messageId) {
    return new InboxQuery(statuses, eventType, id, Optional.of(messageId), from, to, offset, limit);
  }

  /** This query matching only events received at or after this instant. */
  public InboxQuery withFrom(Instant from) {
    return new InboxQuery(statuses, eventType, id, messageId, Optional.of(from), to, offset, limit);
  }

  /** This query matching only events received before this instant. */
  public InboxQuery withTo(Instant to) {
    return new InboxQuery(statuses, eventType, id, messageId, from, Optional.of(to), offset, limit);
  }

  /** This query skipping the first {@code offset} matches. */
  public InboxQuery withOffset(int offset) {
    return new InboxQuery(statuses, eventType, id, messageId, from, to, offset, limit);
  }

  /** This query returning at most {@code limit} events per page. */
  public InboxQuery withLimit(int limit) {
    return new InboxQuery(statuses, eventType, id, messageId, from, to, offset, limit);
  }
}
