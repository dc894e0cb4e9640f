package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

  @ParameterizedTest
  @ValueSource(strings = {"max-buffered-size=64MB", "body-timeout=10s", "min-body-rate=8KB", "bodyTimeout=10s"})
  void refusesToStartWithAServletOnlySettingInAReactiveApplication(String setting) {
    String name = "copernica.webhooks." + setting.substring(0, setting.indexOf('=')).replace("bodyTimeout", "body-timeout");
    reactive.withPropertyValues("copernica.webhooks." + setting).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(WebhookConfigurationException.class)
          .hasStackTraceContaining(name + " is set, but it bounds the bodies the servlet filter holds and this is a "
              + "reactive (WebFlux) application");
      assertThat(new CopernicaWebhooksFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
          .startsWith("Remove " + name + ".");
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
