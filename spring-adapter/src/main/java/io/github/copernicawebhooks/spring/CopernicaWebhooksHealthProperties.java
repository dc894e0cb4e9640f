package io.github.copernicawebhooks.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the {@code copernicaWebhooks} health contributor, bound from {@code copernica.webhooks.health.*}.
 *
 * @param inbox Thresholds of the inbox check, used when the receiver stores calls in an inbox.
 */
@ConfigurationProperties("copernica.webhooks.health")
public record CopernicaWebhooksHealthProperties(@DefaultValue Inbox inbox) {

  /**
   * Thresholds of the inbox check, bound from {@code copernica.webhooks.health.inbox.*}.
   *
   * @param maxBacklog Most events waiting to be handled (pending or failed and due for a retry) before the
   *     health is OUT_OF_SERVICE: the workers are falling behind.
   * @param maxDead Most dead events (out of attempts, waiting for a person to retry or purge them) before the
   *     health is DOWN. The default, 0, reports the first one.
   */
  public record Inbox(@DefaultValue("10000") long maxBacklog, @DefaultValue("0") long maxDead) {

    public Inbox {
      if (maxBacklog < 0) {
        throw new IllegalArgumentException("copernica.webhooks.health.inbox.max-backlog must not be negative");
      }
      if (maxDead < 0) {
        throw new IllegalArgumentException("copernica.webhooks.health.inbox.max-dead must not be negative");
      }
    }
  }
}
