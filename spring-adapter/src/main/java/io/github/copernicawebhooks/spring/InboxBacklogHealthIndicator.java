package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.inbox.InboxStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The inbox's work left, judged against thresholds: {@code DOWN} when more events are dead than
 * {@code max-dead}, {@code OUT_OF_SERVICE} when more wait than {@code max-backlog}, else {@code UP}; the
 * details hold the counts. It is a cluster-wide fact (every instance counts the same shared table), so it is
 * registered as {@value #NAME} and kept out of the main health and the probes, in the group
 * {@value InboxHealthGroups#GROUP} (see {@link InboxHealthGroups}): for a monitor or a person, never for a load
 * balancer.
 */
final class InboxBacklogHealthIndicator implements HealthIndicator {

  static final String NAME = "copernicaWebhooksInboxBacklog";

  private final InboxCounts counts;
  private final CopernicaWebhooksHealthProperties.Inbox thresholds;

  InboxBacklogHealthIndicator(InboxCounts counts, CopernicaWebhooksHealthProperties.Inbox thresholds) {
    this.counts = counts;
    this.thresholds = thresholds;
  }

  @Override
  public Health health() {
    InboxCounts.Snapshot snapshot;
    try {
      snapshot = counts.current();
    } catch (WebhookException uncounted) {
      return InboxHealthIndicator.unavailable(Health.down(), uncounted).build();
    }
    long dead = snapshot.count(InboxStatus.DEAD);
    Health.Builder health = dead > thresholds.maxDead() ? Health.down()
        : snapshot.backlog() > thresholds.maxBacklog() ? Health.outOfService()
        : Health.up();
    return InboxHealthIndicator.withCounts(health, snapshot)
        .withDetail("maxBacklog", thresholds.maxBacklog())
        .withDetail("maxDead", thresholds.maxDead())
        .build();
  }
}
