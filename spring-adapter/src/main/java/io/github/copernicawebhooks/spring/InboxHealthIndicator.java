package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxState;
import io.github.copernicawebhooks.inbox.InboxStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this instance reaches its inbox's database: {@code DOWN} only when it does not, else {@code UP}.
 * The details hold the number of events in every status and the backlog, from {@link InboxCounts}, and what
 * the local spool holds (calls taken while the database was away, calls refused because it was full).
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
      return withSpool(unavailable(Health.down(), unreachable)).build();
    }
    try {
      return withSpool(withCounts(Health.up(), counts.current())).build();
    } catch (WebhookException uncounted) {
      // reached, but the count failed: not this instance's fault
      return withSpool(unavailable(Health.up(), uncounted)).build();
    }
  }

  /** What the local spool holds: calls taken while the database was away, and any refused for a full spool. */
  private Health.Builder withSpool(Health.Builder health) {
    InboxState state = inbox.state();
    if (!state.spoolEnabled()) {
      return health.withDetail("spool", "off");
    }
    Map<String, Object> spool = new LinkedHashMap<>();
    spool.put("pending", state.spoolPending());
    spool.put("bytes", state.spoolBytes());
    spool.put("quotaBytes", state.spoolQuotaBytes());
    spool.put("spooled", state.spooled());
    spool.put("drained", state.drained());
    spool.put("refused", state.refused());
    spool.put("tornBytes", state.tornBytes());
    return health.withDetail("spool", spool).withDetail("schemaChecked", state.schemaChecked());
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
