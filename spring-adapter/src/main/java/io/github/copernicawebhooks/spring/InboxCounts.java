package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The inbox's events by status, counted at most once per interval however often health checks and meter
 * scrapes ask: the count reads the whole shared table, and health is asked by anyone, often. Callers that
 * arrive while a count runs wait for it instead of starting their own.
 */
final class InboxCounts {

  private final InboxOperations inbox;
  private final Duration interval;
  private final Clock clock;
  private @Nullable Snapshot last;

  InboxCounts(InboxOperations inbox, Duration interval, Clock clock) {
    this.inbox = inbox;
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * The last count, or a new one when the last is older than the interval.
   *
   * @throws io.github.copernicawebhooks.WebhookException when a new count is due and the database does not answer
   */
  synchronized Snapshot current() {
    Instant now = clock.instant();
    Snapshot cached = last;
    if (cached == null || !now.isBefore(cached.countedAt().plus(interval))) {
      cached = new Snapshot(inbox.countByStatus(Optional.empty()), now);
      last = cached;
    }
    return cached;
  }

  /** One count of the whole table. */
  record Snapshot(Map<InboxStatus, Long> counts, Instant countedAt) {

    Snapshot {
      counts = Map.copyOf(counts);
    }

    long count(InboxStatus status) {
      return counts.getOrDefault(status, 0L);
    }

    /** Events waiting to be handled: pending, or failed and due for a retry. */
    long backlog() {
      return count(InboxStatus.PENDING) + count(InboxStatus.FAILED);
    }
  }
}
