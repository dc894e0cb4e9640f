package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.CallObserver;
import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.jackson.CopernicaWebhooksModule;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of the Copernica webhook endpoint in a web application: a {@link WebhookReceiver}
 * built from {@link CopernicaWebhooksProperties} and the dispatch to {@link CopernicaWebhookHandler}
 * methods; in a servlet application the {@link CopernicaWebhookFilter} mounted at
 * {@code copernica.webhooks.path} (a reactive application gets its endpoint from
 * {@link CopernicaWebhooksReactiveAutoConfiguration}). Every bean backs off when the application defines
 * its own; application beans of type {@link PublicKeyResolver}, {@link ReplayGuard} and
 * {@code EventDeduplicator} (shared stores) are used by the beans built here;
 * {@code copernica.webhooks.enabled=false} turns it all off.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnWebApplication
@ConditionalOnClass(WebhookReceiver.class)
@ConditionalOnProperty(prefix = "copernica.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CopernicaWebhooksProperties.class)
@ImportRuntimeHints(CopernicaWebhooksRuntimeHints.class)
public class CopernicaWebhooksAutoConfiguration {

  /**
   * The order of the webhook filter: early, so that it reads the raw body before any other filter
   * (Spring Security's among them) could consume it as parameters, but after Spring's character
   * encoding, forwarded-header and observation filters.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  @Bean
  HandlerMethodDispatcher copernicaWebhookDispatcher(
      CopernicaWebhooksProperties properties, ApplicationEventPublisher publisher, WebhookObservations observations) {
    JacksonCompatibility.check();
    return new HandlerMethodDispatcher(
        properties.publishApplicationEvents() ? publisher : null, observations.handlers());
  }

  /**
   * The JSON shape of the events for Spring Boot's own Jackson mapper, which registers every {@code
   * JacksonModule} bean: a controller or a message converter then writes events as {@code WebhookEvents} does.
   */
  @Bean
  @ConditionalOnMissingBean
  CopernicaWebhooksModule copernicaWebhooksJacksonModule() {
    return new CopernicaWebhooksModule();
  }

  /** Observations of calls and handler methods; the application's registry, when it has one. */
  @Bean
  WebhookObservations copernicaWebhookObservations(
      ObjectProvider<ObservationRegistry> registry, ObjectProvider<CallMetrics> metrics) {
    return new WebhookObservations(
        registry.getIfAvailable(() -> ObservationRegistry.NOOP), metrics.getIfAvailable(() -> CallMetrics.NONE));
  }

  @Bean
  HandlerMethodProcessor copernicaWebhookHandlerMethodProcessor(
      ConfigurableListableBeanFactory beanFactory, HandlerMethodDispatcher dispatcher) {
    return new HandlerMethodProcessor(beanFactory, dispatcher);
  }

  /** The keys the verifier trusts: the application's resolver, the configured PEM key, or Copernica's DNS. */
  @Bean
  @ConditionalOnMissingBean({SignatureVerifier.class, WebhookReceiver.class})
  @ConditionalOnProperty(prefix = "copernica.webhooks.signature", name = "mode", havingValue = "required", matchIfMissing = true)
  WebhookKeys copernicaWebhookKeys(CopernicaWebhooksProperties properties, ObjectProvider<PublicKeyResolver> resolver) {
    return WebhookReceiverFactory.keys(properties, resolver.getIfAvailable());
  }

  @Bean
  @ConditionalOnMissingBean({SignatureVerifier.class, WebhookReceiver.class})
  @ConditionalOnProperty(prefix = "copernica.webhooks.signature", name = "mode", havingValue = "required", matchIfMissing = true)
  SignatureVerifier copernicaSignatureVerifier(
      CopernicaWebhooksProperties properties, WebhookKeys keys, ObjectProvider<ReplayGuard> replayGuard) {
    return WebhookReceiverFactory.verifier(properties, keys.resolver(), replayGuard.getIfAvailable());
  }

  /** Closed with the context: an asynchronous receiver then drains its queue while the handlers still exist. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  WebhookReceiver copernicaWebhookReceiver(
      CopernicaWebhooksProperties properties, HandlerMethodDispatcher dispatcher,
      ObjectProvider<SignatureVerifier> verifier, ObjectProvider<EventDeduplicator> deduplicator,
      ObjectProvider<InboxSettings> inbox, ObjectProvider<CallObserver> observers) {
    WebhookReceiver.Builder builder = WebhookReceiverFactory.builder(
        properties, dispatcher, verifier.getIfAvailable(), deduplicator.getIfAvailable(), inbox.getIfAvailable());
    CallObservers.of(observers.orderedStream().toList()).ifPresent(builder::observer);
    return builder.build();
  }

  /** The endpoint of a servlet application: the webhook filter. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  static class ServletEndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean(value = CopernicaWebhookFilter.class, parameterizedContainer = FilterRegistrationBean.class)
    FilterRegistrationBean<CopernicaWebhookFilter> copernicaWebhookFilter(
        WebhookReceiver receiver, CopernicaWebhooksProperties properties) {
      FilterRegistrationBean<CopernicaWebhookFilter> registration =
          new FilterRegistrationBean<>(WebhookReceiverFactory.filter(receiver, properties));
      registration.setName("copernicaWebhookFilter");
      registration.setAsyncSupported(true); // bodies are read without holding a thread; the default, made explicit
      registration.addUrlPatterns(properties.path());
      registration.setOrder(FILTER_ORDER);
      return registration;
    }

    /**
     * Observes and counts every call, around the webhook filter, which leaves the outcome for it; only when
     * the application has an observation or a meter registry.
     */
    @Bean
    @Conditional(ObservedCondition.class)
    FilterRegistrationBean<WebhookMetricsFilter> copernicaWebhookMetricsFilter(
        WebhookObservations observations, CopernicaWebhooksProperties properties) {
      FilterRegistrationBean<WebhookMetricsFilter> registration =
          new FilterRegistrationBean<>(new WebhookMetricsFilter(observations));
      registration.setName("copernicaWebhookMetricsFilter");
      registration.setAsyncSupported(true); // it wraps the webhook filter, which completes asynchronously
      registration.addUrlPatterns(properties.path());
      registration.setOrder(FILTER_ORDER - 1);
      return registration;
    }
  }

  /** An observation registry or a meter registry: something to observe calls for. */
  static final class ObservedCondition extends AnyNestedCondition {

    ObservedCondition() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(ObservationRegistry.class)
    static final class Observations {}

    @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
    static final class Meters {}
  }

  /** The operations of the receiver's inbox, when an {@link InboxSettings} bean turns it on. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(InboxSettings.class)
  static class InboxConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InboxOperations copernicaWebhookInbox(WebhookReceiver receiver) {
      return receiver.inbox().orElseThrow(() -> new IllegalStateException(
          "copernica.webhooks.inbox is on, but the WebhookReceiver bean has no inbox: build it with "
              + "WebhookReceiver.builder().inbox(inboxSettings), or leave the receiver to the auto-configuration"));
    }

    @Bean
    InboxWorkers copernicaWebhookInboxWorkers(WebhookReceiver receiver) {
      return new InboxWorkers(receiver);
    }
  }

  /** Counts calls and times handler methods when the application has a Micrometer registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class MetricsConfiguration {

    @Bean
    WebhookMetrics copernicaWebhookMetrics(MeterRegistry registry) {
      return new WebhookMetrics(registry);
    }
  }
}
