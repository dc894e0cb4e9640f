package io.github.copernicawebhooks.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and operates on the stored events: plain Java, thread-safe, what a console or a scheduled job
 * uses. Every method runs its own short transaction on the inbox's {@code DataSource}; when the database
 * cannot be reached it throws a {@link io.github.copernicawebhooks.WebhookException} with reason
 * {@link io.github.copernicawebhooks.WebhookException.Reason#STORE_UNAVAILABLE STORE_UNAVAILABLE}.
 *
 * <pre>{@code
 * InboxOperations inbox = receiver.inbox().orElseThrow();
 * for (InboxSummary dead : inbox.list(InboxQuery.all().withStatuses(InboxStatus.DEAD)).entries()) {
 *   inbox.retryNow(dead.id());
 * }
 * }</pre>
 */
public interface InboxOperations {

  /** One page of the events that match, newest first, with the number of all matches. */
  InboxPage list(InboxQuery query);

  /**
   * How many events there are in each status (every status is a key, zero included).
   *
   * @param since when present, counts only events received at or after it
   */
  Map<InboxStatus, Long> countByStatus(Optional<Instant> since);

  /**
   * Checks that the inbox's database answers, with one round trip that reads no rows: what a health check
   * asks on every request, where a count of the table would cost too much.
   *
   * @throws io.github.copernicawebhooks.WebhookException with reason {@code STORE_UNAVAILABLE} when it does not
   */
  void ping();

  /** One event with its raw call and every attempt, or empty when there is no such row. */
  Optional<InboxEntry> find(long id);

  /**
   * Makes a {@linkplain InboxStatus#FAILED failed} or {@linkplain InboxStatus#DEAD dead} event pending and
   * due now. Its attempts so far stay recorded and counted: a dead event gets one more attempt, and is dead
   * again when that fails.
   *
   * @return whether the event was failed or dead, still had its body (see {@link
   *     InboxSettings#deadBodyRetention()}) and is now pending
   */
  boolean retryNow(long id);

  /**
   * Delivers a {@linkplain InboxStatus#HANDLED handled} event once more: it becomes pending and due now.
   * Its attempts so far stay recorded.
   *
   * @return whether the event was handled and is now pending
   */
  boolean redeliver(long id);

  /**
   * Deletes every event that matches the query's criteria, with its attempts; the query's offset and limit
   * are ignored. An event a worker holds at that moment is deleted too; the worker's result is then dropped.
   * Of an event whose body or nonce is still within its de-duplication or replay window, only those keys are
   * kept (no read shows them) until the window ends, so that a copy of it arriving meanwhile is still
   * recognised as a duplicate or a replay.
   *
   * @return how many events were deleted
   */
  int purge(InboxQuery query);

  /**
   * Whether the database takes calls and what the local spool holds; never touches the database, so it
   * answers during an outage too.
   *
   * @throws UnsupportedOperationException from an implementation that has no such state
   */
  default InboxState state() {
    throw new UnsupportedOperationException("this InboxOperations has no state");
  }
}
