package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxStatus;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this instance reaches its inbox's database: {@code DOWN} only when it does not, else {@code UP}.
 * The details hold the number of events in every status and the backlog, from {@link InboxCounts}.
 *
 * <p>Dead events and the backlog never change this status: they are counted in the table every instance
 * shares, so a status built on them would take every instance out of rotation at once, for a fact that a
 * restart or another instance cannot change. {@link InboxBacklogHealthIndicator} judges them instead, in a
 * group of its own.
 */
final class InboxHealthIndicator implements HealthIndicator {

  private final InboxOperations inbox;
  private final InboxCounts counts;

  InboxHealthIndicator(InboxOperations inbox, InboxCounts counts) {
    this.inbox = inbox;
    this.counts = counts;
  }

  @Override
  public Health health() {
    try {
      inbox.ping();
    } catch (WebhookException unreachable) {
      return unavailable(Health.down(), unreachable).build();
    }
    try {
      return withCounts(Health.up(), counts.current()).build();
    } catch (WebhookException uncounted) {
      return unavailable(Health.up(), uncounted).build(); // reached, but the count failed: not this instance's fault
    }
  }

  static Health.Builder withCounts(Health.Builder health, InboxCounts.Snapshot snapshot) {
    for (InboxStatus status : InboxStatus.values()) {
      health.withDetail(status.name().toLowerCase(Locale.ROOT), snapshot.count(status));
    }
    return health.withDetail("backlog", snapshot.backlog()).withDetail("countedAt", snapshot.countedAt().toString());
  }

  static Health.Builder unavailable(Health.Builder health, WebhookException failure) {
    return health.withDetail("reason", failure.reason().name()).withDetail("error", failure.getMessage());
  }
}
