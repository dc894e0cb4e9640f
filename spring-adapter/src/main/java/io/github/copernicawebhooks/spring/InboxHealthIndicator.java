package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The inbox's state: {@code DOWN} when its database cannot be reached or more events are dead than
 * {@code max-dead}; {@code OUT_OF_SERVICE} when more wait to be handled than {@code max-backlog}; else
 * {@code UP}. The details hold the number of events in every status.
 */
final class InboxHealthIndicator implements HealthIndicator {

  private final InboxOperations inbox;
  private final CopernicaWebhooksHealthProperties.Inbox thresholds;

  InboxHealthIndicator(InboxOperations inbox, CopernicaWebhooksHealthProperties.Inbox thresholds) {
    this.inbox = inbox;
    this.thresholds = thresholds;
  }

  @Override
  public Health health() {
    Map<InboxStatus, Long> counts;
    try {
      counts = inbox.countByStatus(Optional.empty());
    } catch (WebhookException unreachable) {
      return Health.down().withDetail("reason", unreachable.reason().name())
          .withDetail("error", unreachable.getMessage()).build();
    }
    long backlog = count(counts, InboxStatus.PENDING) + count(counts, InboxStatus.FAILED);
    long dead = count(counts, InboxStatus.DEAD);
    Health.Builder health = dead > thresholds.maxDead() ? Health.down()
        : backlog > thresholds.maxBacklog() ? Health.outOfService()
        : Health.up();
    Map<String, Object> details = new LinkedHashMap<>();
    counts.forEach((status, count) -> details.put(status.name().toLowerCase(java.util.Locale.ROOT), count));
    details.put("backlog", backlog);
    details.put("maxBacklog", thresholds.maxBacklog());
    details.put("maxDead", thresholds.maxDead());
    return health.withDetails(details).build();
  }

  private static long count(Map<InboxStatus, Long> counts, InboxStatus status) {
    return counts.getOrDefault(status, 0L);
  }
}
