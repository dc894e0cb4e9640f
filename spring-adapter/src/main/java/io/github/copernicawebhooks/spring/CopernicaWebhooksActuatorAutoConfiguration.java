package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookReceiver;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support, only when Actuator is on the class path: the {@code copernicaWebhooks} health
 * contributor (Spring Boot 4's health API) and the {@code copernicaWebhooks} info entry.
 *
 * <p>The health contributor is a composite of named checks: {@code key} (see {@link KeyHealthIndicator})
 * and, when the receiver stores calls in an inbox, {@code inbox} (see {@link InboxHealthIndicator}, with the
 * thresholds of {@link CopernicaWebhooksHealthProperties}). {@code management.health.copernicaWebhooks.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = {CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksReactiveAutoConfiguration.class})
@ConditionalOnBean(WebhookReceiver.class)
public class CopernicaWebhooksActuatorAutoConfiguration {

  /** The health of the endpoint, under {@code copernicaWebhooks}, when Boot 4's health API is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthConfiguration {

    /** Nested, so that its condition, which lives in the health module, is read only when that module is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("copernicaWebhooks")
    @EnableConfigurationProperties(CopernicaWebhooksHealthProperties.class)
    static class Contributor {

      @Bean
      @ConditionalOnMissingBean(name = "copernicaWebhooksHealthContributor")
      HealthContributor copernicaWebhooksHealthContributor(
          WebhookReceiver receiver, ObjectProvider<WebhookKeys> keys, CopernicaWebhooksHealthProperties properties) {
        Map<String, HealthIndicator> checks = new LinkedHashMap<>();
        checks.put("key", new KeyHealthIndicator(keys.getIfAvailable()));
        receiver.inbox().ifPresent(inbox -> checks.put("inbox", new InboxHealthIndicator(inbox, properties.inbox())));
        return CompositeHealthContributor.fromMap(checks);
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
