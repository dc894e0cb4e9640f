package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import reactor.core.scheduler.Schedulers;

/**
 * Auto-configuration of the Copernica webhook endpoint in a reactive (WebFlux) application: a
 * {@code WebFilter} at {@code copernica.webhooks.path} in front of the receiver that
 * {@link CopernicaWebhooksAutoConfiguration} builds, with the servlet filter's HTTP contract. The receiver
 * and the handler methods run on Reactor's bounded-elastic threads, since they may block. Settings that
 * only the servlet filter honours ({@code max-buffered-size}, {@code body-timeout}, {@code min-body-rate})
 * stop the start-up with a message instead of being ignored.
 */
@AutoConfiguration(after = CopernicaWebhooksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = {"org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono"})
@ConditionalOnProperty(prefix = "copernica.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(WebhookReceiver.class)
public class CopernicaWebhooksReactiveAutoConfiguration {

  /** The settings of the servlet filter's body reading, which a reactive endpoint has no use for. */
  static final List<String> SERVLET_ONLY = List.of(
      "copernica.webhooks.max-buffered-size", "copernica.webhooks.body-timeout", "copernica.webhooks.min-body-rate");

  @Bean
  @ConditionalOnMissingBean(name = "copernicaWebhookWebFilter")
  CopernicaWebhookWebFilter copernicaWebhookWebFilter(
      WebhookReceiver receiver, CopernicaWebhooksProperties properties, WebhookObservations observations,
      Environment environment) {
    for (String name : SERVLET_ONLY) {
      if (Binder.get(environment).bind(name, Bindable.of(String.class)).isBound()) { // relaxed names too, such as bodyTimeout
        throw new WebhookConfigurationException(servletOnly(name), servletOnlyAction(name));
      }
    }
    return new CopernicaWebhookWebFilter(receiver, properties.path(), observations, Schedulers.boundedElastic());
  }

  static String servletOnly(String name) {
    return name + " is set, but it bounds the bodies the servlet filter holds and this is a reactive (WebFlux) "
        + "application, where it would do nothing";
  }

  static String servletOnlyAction(String name) {
    return "Remove " + name + ". In a reactive application every call is bounded by "
        + "copernica.webhooks.max-body-size and read without holding a thread; bound concurrent calls and slow "
        + "uploads with the server's connection limits and idle timeouts.";
  }
}
