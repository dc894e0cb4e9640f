package io.github.copernicawebhooks.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the inbox's health and gauges, bound from {@code copernica.webhooks.health.*}.
 *
 * @param inbox Settings of the inbox checks, used when the receiver stores calls in an inbox.
 */
@ConfigurationProperties("copernica.webhooks.health")
public record CopernicaWebhooksHealthProperties(@DefaultValue Inbox inbox) {

  /**
   * Settings of the inbox checks, bound from {@code copernica.webhooks.health.inbox.*}. The thresholds judge
   * only the separate {@code copernicaWebhooksInboxBacklog} check, in the health group
   * {@code copernica-webhooks-inbox}; the {@code inbox} check of {@code copernicaWebhooks} is DOWN only when the
   * database cannot be reached.
   *
   * @param maxBacklog Most events waiting to be handled (pending or failed and due for a retry) before the
   *     copernicaWebhooksInboxBacklog check is OUT_OF_SERVICE: the workers are falling behind.
   * @param maxDead Most dead events (out of attempts, waiting for a person to retry or purge them) before the
   *     copernicaWebhooksInboxBacklog check is DOWN. The default, 0, reports the first one.
   * @param countInterval How long one count of the inbox's events by status is reused by the health checks and
   *     the gauges: a count reads the whole shared table.
   */
  public record Inbox(
      @DefaultValue("10000") long maxBacklog, @DefaultValue("0") long maxDead,
      @DefaultValue("10s") Duration countInterval) {

    public Inbox {
      if (maxBacklog < 0) {
        throw new IllegalArgumentException("copernica.webhooks.health.inbox.max-backlog must not be negative");
      }
      if (maxDead < 0) {
        throw new IllegalArgumentException("copernica.webhooks.health.inbox.max-dead must not be negative");
      }
      if (countInterval.isNegative()) {
        throw new IllegalArgumentException("copernica.webhooks.health.inbox.count-interval must not be negative");
      }
    }
  }
}
