package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.internal.BodyBudget;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class ReactiveAutoConfigurationTest {

  private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksReactiveAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.account-ids=account_1234");

  @Test
  void mountsTheWebFilterAndNoServletFilterInAReactiveApplicationWithoutTheServletApi() {
    reactive.withClassLoader(new FilteredClassLoader("jakarta.servlet")).run(context -> {
      assertThat(context).hasNotFailed()
          .hasSingleBean(WebhookReceiver.class)
          .hasSingleBean(CopernicaWebhookWebFilter.class)
          .doesNotHaveBean(FilterRegistrationBean.class);
      assertThat(context.getBean(CopernicaWebhookWebFilter.class).getOrder())
          .isEqualTo(CopernicaWebhooksAutoConfiguration.FILTER_ORDER);
    });
  }

  @Test
  void appliesTheBodyLimitsOfTheServletFilter() {
    reactive.withPropertyValues("copernica.webhooks.max-buffered-size=1MB", "copernica.webhooks.bodyTimeout=10s",
        "copernica.webhooks.min-body-rate=8KB").run(context -> {
          ReactiveBodyLimits limits = context.getBean(CopernicaWebhookWebFilter.class).limits();

          assertThat(limits.budget().availableBytes()).isEqualTo(1024 * 1024);
          assertThat(limits.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(limits.minBytesPerSecond()).isEqualTo(8 * 1024);
        });
  }

  @Test
  void defaultsToTheBodyLimitsOfTheServletFilter() {
    reactive.run(context -> {
      ReactiveBodyLimits limits = context.getBean(CopernicaWebhookWebFilter.class).limits();

      assertThat(limits.budget().availableBytes()).isEqualTo(BodyBudget.defaultBytes() / 1024 * 1024);
      assertThat(limits.bodyTimeout()).isEqualTo(CopernicaWebhookFilter.DEFAULT_BODY_TIMEOUT);
      assertThat(limits.minBytesPerSecond()).isEqualTo(CopernicaWebhookFilter.DEFAULT_MIN_BODY_BYTES_PER_SECOND);
    });
  }

  @Test
  void turnsOffWithTheEndpoint() {
    reactive.withPropertyValues("copernica.webhooks.enabled=false").run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(WebhookReceiver.class)
        .doesNotHaveBean(CopernicaWebhookWebFilter.class));
  }

  @Test
  void mountsNoWebFilterInAServletApplication() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksReactiveAutoConfiguration.class))
        .withPropertyValues("copernica.webhooks.account-ids=account_1234")
        .run(context -> assertThat(context).hasNotFailed()
            .hasBean("copernicaWebhookFilter")
            .doesNotHaveBean(CopernicaWebhookWebFilter.class));
  }
}
