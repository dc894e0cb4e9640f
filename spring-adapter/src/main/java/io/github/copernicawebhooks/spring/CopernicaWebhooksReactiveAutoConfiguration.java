package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import reactor.core.scheduler.Schedulers;

/**
 * Auto-configuration of the Copernica webhook endpoint in a reactive (WebFlux) application: a
 * {@code WebFilter} at {@code copernica.webhooks.path} in front of the receiver that
 * {@link CopernicaWebhooksAutoConfiguration} builds, with the servlet filter's HTTP contract and body limits
 * ({@code max-buffered-size}, {@code body-timeout}, {@code min-body-rate}). The receiver and the handler
 * methods run on Reactor's bounded-elastic threads, since they may block.
 */
@AutoConfiguration(after = CopernicaWebhooksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = {"org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono"})
@ConditionalOnProperty(prefix = "copernica.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(WebhookReceiver.class)
public class CopernicaWebhooksReactiveAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "copernicaWebhookWebFilter")
  CopernicaWebhookWebFilter copernicaWebhookWebFilter(
      WebhookReceiver receiver, CopernicaWebhooksProperties properties, WebhookObservations observations) {
    return new CopernicaWebhookWebFilter(receiver, properties.path(), observations, Schedulers.boundedElastic(),
        ReactiveBodyLimits.from(properties));
  }
}
