package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Actuator support, only when Actuator is on the class path: the {@code copernicaWebhooks} health
 * contributor (Spring Boot 4's health API), the inbox's own check and gauges, and the {@code copernicaWebhooks}
 * info entry.
 *
 * <p>The health contributor is a composite of named checks: {@code key} (see {@link KeyHealthIndicator})
 * and, when the receiver stores calls in an inbox, {@code inbox} (see {@link InboxHealthIndicator}), which is
 * DOWN only when this instance cannot reach its database. {@code management.health.copernicaWebhooks.enabled=false}
 * turns it off. Dead events and the backlog, facts of the table that every instance shares, are judged by
 * {@link InboxBacklogHealthIndicator} against the thresholds of {@link CopernicaWebhooksHealthProperties}, in the
 * health group {@value InboxHealthGroups#GROUP} only, and counted by the gauges of {@link WebhookMetrics}; one
 * count, reused for {@code copernica.webhooks.health.inbox.count-interval}, serves them all.
 */
@AutoConfiguration(after = {CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksReactiveAutoConfiguration.class})
@ConditionalOnBean(WebhookReceiver.class)
@EnableConfigurationProperties(CopernicaWebhooksHealthProperties.class)
public class CopernicaWebhooksActuatorAutoConfiguration {

  /** One count of the inbox's events for the health checks and the gauges, when the inbox is a bean. */
  @Bean
  @ConditionalOnBean(InboxOperations.class)
  @ConditionalOnMissingBean
  InboxCounts copernicaWebhookInboxCounts(InboxOperations inbox, CopernicaWebhooksHealthProperties properties) {
    return counts(inbox, properties);
  }

  static InboxCounts counts(InboxOperations inbox, CopernicaWebhooksHealthProperties properties) {
    return new InboxCounts(inbox, properties.inbox().countInterval(), Clock.systemUTC());
  }

  /** The inbox's events by status as gauges, which Boot binds to every meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  @ConditionalOnBean(InboxOperations.class)
  static class InboxGaugesConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "copernicaWebhookInboxGauges")
    MeterBinder copernicaWebhookInboxGauges(InboxCounts counts) {
      return registry -> WebhookMetrics.bindInbox(registry, counts);
    }
  }

  /** The health of the endpoint, under {@code copernicaWebhooks}, when Boot 4's health API is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthConfiguration {

    /** Nested, so that its condition, which lives in the health module, is read only when that module is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("copernicaWebhooks")
    static class Contributor {

      @Bean
      @ConditionalOnMissingBean(name = "copernicaWebhooksHealthContributor")
      HealthContributor copernicaWebhooksHealthContributor(WebhookReceiver receiver, ObjectProvider<WebhookKeys> keys,
          ObjectProvider<InboxCounts> counts, CopernicaWebhooksHealthProperties properties) {
        Map<String, HealthIndicator> checks = new LinkedHashMap<>();
        checks.put("key", new KeyHealthIndicator(keys.getIfAvailable()));
        receiver.inbox().ifPresent(inbox -> checks.put("inbox",
            new InboxHealthIndicator(inbox, counts.getIfAvailable(() -> counts(inbox, properties)))));
        return CompositeHealthContributor.fromMap(checks);
      }
    }

    /** The inbox's dead events and backlog against thresholds, in a health group of their own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("copernicaWebhooksInboxBacklog")
    @ConditionalOnBean(InboxOperations.class)
    static class Backlog {

      @Bean
      @ConditionalOnMissingBean(name = InboxBacklogHealthIndicator.NAME)
      HealthIndicator copernicaWebhooksInboxBacklog(InboxCounts counts, CopernicaWebhooksHealthProperties properties) {
        return new InboxBacklogHealthIndicator(counts, properties.inbox());
      }

      @Bean
      @ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor")
      @Order(Ordered.HIGHEST_PRECEDENCE) // before Boot adds the probe groups, so they stay as Boot makes them
      static HealthEndpointGroupsPostProcessor copernicaWebhooksInboxHealthGroups(Environment environment) {
        return new InboxHealthGroups(environment);
      }
    }
  }

  /** The version and modes of the endpoint in {@code /actuator/info}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
  static class InfoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "copernicaWebhooksInfoContributor")
    WebhookInfoContributor copernicaWebhooksInfoContributor(
        WebhookReceiver receiver, CopernicaWebhooksProperties properties, HandlerMethodDispatcher dispatcher,
        ObjectProvider<WebhookKeys> keys, ObjectProvider<EventDeduplicator> deduplicator, ApplicationContext context) {
      String web = context.containsBean("copernicaWebhookWebFilter") ? "reactive" : "servlet";
      boolean deduplicates = properties.deduplication().enabled() || deduplicator.getIfAvailable() != null;
      return new WebhookInfoContributor(receiver, properties, dispatcher, keys.getIfAvailable(), web, deduplicates);
    }
  }
}
