package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.console.ConsoleRequest;
import io.github.copernicawebhooks.console.ConsoleResponse;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import io.github.copernicawebhooks.servlet.CopernicaWebhookConsoleServlet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ForwardedHeaderFilter;

/** The console's auto-configuration in a servlet context without a server, and without Spring Security. */
class ConsoleAutoConfigurationTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CopernicaWebhooksConsoleAutoConfiguration.class,
          CopernicaWebhooksInboxAutoConfiguration.class, CopernicaWebhooksAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.signature.mode=off");

  @Test
  void isOffByDefault() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(WebhookConsole.class)
        .doesNotHaveBean(RecentCalls.class)
        .doesNotHaveBean(ServletRegistrationBean.class)
        .doesNotHaveBean(CopernicaWebhooksConsoleProperties.class));
  }

  @Test
  void servesTheConsoleAtItsDefaultPathAndTheReceiverReportsEveryCallToIt() {
    runner.withPropertyValues("copernica.webhooks.console.enabled=true").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(WebhookConsole.class).hasSingleBean(RecentCalls.class);
      CopernicaWebhooksConsoleProperties properties = context.getBean(CopernicaWebhooksConsoleProperties.class);
      assertThat(properties.path()).isEqualTo(CopernicaWebhooksConsoleProperties.DEFAULT_PATH)
          .isEqualTo("/copernica-webhooks");
      assertThat(properties.allowRemote()).isFalse();
      assertThat(properties.maskValues()).isFalse();
      assertThat(properties.recentCalls()).isEqualTo(RecentCalls.DEFAULT_CAPACITY);
      assertThat(properties.role()).isEqualTo(WebhookConsole.DEFAULT_ROLE);
      assertThat(context.getBean(RecentCalls.class).capacity()).isEqualTo(RecentCalls.DEFAULT_CAPACITY);
      ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
      assertThat(servlet.getServlet()).isInstanceOf(CopernicaWebhookConsoleServlet.class);
      assertThat(servlet.getUrlMappings()).containsExactly("/copernica-webhooks/*");
      WebhookConsole console = context.getBean(WebhookConsole.class);
      assertThat(console.role()).as("no Spring Security on this class path").isEmpty();
      assertThat(console.allowsRemote()).isFalse();

      assertThat(context.getBean(WebhookReceiver.class).receive(update(4711)).kind()).isEqualTo(Kind.HANDLED);

      assertThat(body(console.handle(local("/api/calls")))).contains("\"outcome\":\"handled\"", "\"profile\":4711");
      assertThat(console.handle(remote("/api/calls")).status()).isEqualTo(403);
    });
  }

  @Test
  void bindsEverySetting() {
    runner.withPropertyValues("copernica.webhooks.console.enabled=true", "copernica.webhooks.console.path=/ops/hooks",
        "copernica.webhooks.console.allow-remote=true", "copernica.webhooks.console.recent-calls=20",
        "copernica.webhooks.console.mask-values=true", "copernica.webhooks.console.role=OPS",
        "copernica.webhooks.console.allowed-addresses=10.1.2.0/24,fd00::/8",
        "copernica.webhooks.console.trusted-proxies=127.0.0.1",
        "copernica.webhooks.console.public-url=https://ops.example.com/ops/hooks").run(context -> {
          assertThat(context).hasNotFailed();
          WebhookConsole console = context.getBean(WebhookConsole.class);
          assertThat(console.allowsRemote()).isTrue();
          assertThat(console.masksValues()).isTrue();
          assertThat(context.getBean(RecentCalls.class).capacity()).isEqualTo(20);
          assertThat(context.getBean(ServletRegistrationBean.class).getUrlMappings()).containsExactly("/ops/hooks/*");
          assertThat(console.handle(remote("/api/calls")).status()).isEqualTo(200);
          CopernicaWebhooksConsoleProperties properties = context.getBean(CopernicaWebhooksConsoleProperties.class);
          assertThat(properties.allowedAddresses()).containsExactly("10.1.2.0/24", "fd00::/8");
          assertThat(properties.trustedProxies()).containsExactly("127.0.0.1");
          assertThat(properties.publicUrl()).isEqualTo("https://ops.example.com/ops/hooks");
        });
  }

  @Test
  void answersTheAllowedAddressesInsteadOfOnlyLocalClients() {
    runner.withPropertyValues("copernica.webhooks.console.enabled=true",
        "copernica.webhooks.console.allowed-addresses=192.0.2.0/24").run(context -> {
          WebhookConsole console = context.getBean(WebhookConsole.class);
          assertThat(console.decidesOnAddress()).isTrue();
          assertThat(console.handle(remote("/api/calls")).status()).isEqualTo(200);
          assertThat(console.handle(local("/api/calls")).status()).isEqualTo(403);
        });
    runner.withPropertyValues("copernica.webhooks.console.enabled=true",
        "copernica.webhooks.console.allowed-addresses=ops.example.com")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("allowed-addresses: 'ops.example.com' is not an IP address"));
  }

  @Test
  void refusesToStartAnAddressBasedConsoleWhenTheContainerRewritesThePeer() {
    for (String rewrite : new String[] {"server.forward-headers-strategy=native",
        "server.forward-headers-strategy=FRAMEWORK", "spring.main.cloud-platform=kubernetes",
        "spring.main.cloud-platform=cloud_foundry", "spring.main.cloud-platform=heroku"}) {
      runner.withPropertyValues("copernica.webhooks.console.enabled=true", rewrite).run(context -> {
        assertThat(context).as(rewrite).hasFailed();
        assertThat(context.getStartupFailure()).rootCause().isInstanceOf(WebhookConfigurationException.class)
            .hasMessageContaining("replaces the client's address with one taken from a proxy header");
        WebhookConfigurationException failure = (WebhookConfigurationException) rootCause(context.getStartupFailure());
        assertThat(failure.action()).contains("Spring Security", "copernica.webhooks.console.trusted-proxies");
      });
      runner.withPropertyValues("copernica.webhooks.console.enabled=true", "copernica.webhooks.console.allowed-addresses=10.0.0.0/8",
          rewrite).run(context -> assertThat(context).as(rewrite).hasFailed());
      runner.withPropertyValues("copernica.webhooks.console.enabled=true", "copernica.webhooks.console.allow-remote=true",
          rewrite).run(context -> assertThat(context).as("anyone may use it anyway").hasNotFailed());
    }
    runner.withPropertyValues("copernica.webhooks.console.enabled=true", "spring.main.cloud-platform=kubernetes",
        "server.forward-headers-strategy=none").run(context -> assertThat(context).hasNotFailed());
    runner.withPropertyValues("copernica.webhooks.console.enabled=true")
        .withUserConfiguration(ForwardedHeaderFilterRegistration.class)
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("Spring's ForwardedHeaderFilter (bean [forwardedHeaders])"));
    runner.withPropertyValues("copernica.webhooks.console.enabled=true")
        .withBean("myForwardedHeaderFilter", ForwardedHeaderFilter.class, ForwardedHeaderFilter::new)
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("Spring's ForwardedHeaderFilter (bean [myForwardedHeaderFilter])"));
  }

  @Configuration(proxyBeanMethods = false)
  static class ForwardedHeaderFilterRegistration {

    @Bean
    FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaders() {
      return new FilterRegistrationBean<>(new ForwardedHeaderFilter());
    }
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Test
  void refusesAPathThatCannotBeMapped() {
    runner.withPropertyValues("copernica.webhooks.console.enabled=true", "copernica.webhooks.console.path=/ops/")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("copernica.webhooks.console.path must start with '/' and end without '/'"));
  }

  @Test
  void showsTheInboxWhenItIsOn() {
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.console.enabled=true", "copernica.webhooks.inbox.enabled=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(WebhookReceiver.class).receive(update(4711)).kind()).isEqualTo(Kind.STORED);
          String page = body(context.getBean(WebhookConsole.class).handle(local("/api/calls")));
          assertThat(page).contains("\"mode\":\"inbox\"", "\"id\":\"i1\"", "\"eventType\":\"ProfileUpdated\"");
        });
  }

  @Test
  void backsOffForTheApplicationsOwnConsole() {
    runner.withPropertyValues("copernica.webhooks.console.enabled=true")
        .withBean("myConsole", WebhookConsole.class,
            () -> WebhookConsole.builder(WebhookReceiver.builder().signatureOff().listener(event -> { }).build()).build())
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(WebhookConsole.class).hasBean("myConsole");
          assertThat(context.getBean(ServletRegistrationBean.class).getServlet())
              .isInstanceOf(CopernicaWebhookConsoleServlet.class);
        });
  }

  @Test
  void describesEveryConsolePropertyWithItsDefault() throws java.io.IOException {
    String prefix = "copernica.webhooks.console.";
    Map<String, tools.jackson.databind.JsonNode> properties = new java.util.LinkedHashMap<>();
    for (java.net.URL file : java.util.Collections.list(getClass().getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (java.io.InputStream in = file.openStream()) {
        for (tools.jackson.databind.JsonNode property
            : tools.jackson.databind.json.JsonMapper.builder().build().readTree(in).path("properties")) {
          if (property.path("name").asString().startsWith(prefix)) {
            properties.put(property.path("name").asString(), property);
          }
        }
      }
    }

    assertThat(properties).containsOnlyKeys(prefix + "enabled", prefix + "path", prefix + "allow-remote",
        prefix + "recent-calls", prefix + "mask-values", prefix + "role", prefix + "allowed-addresses",
        prefix + "trusted-proxies", prefix + "public-url");
    properties.forEach((name, property) -> assertThat(property.path("description").asString())
        .as("description of %s", name).isNotBlank());
    assertThat(properties.get(prefix + "enabled").path("defaultValue").asBoolean(true)).isFalse();
    assertThat(properties.get(prefix + "allow-remote").path("defaultValue").asBoolean(true)).isFalse();
    assertThat(properties.get(prefix + "mask-values").path("defaultValue").asBoolean(true)).isFalse();
    assertThat(properties.get(prefix + "path").path("defaultValue").asString())
        .isEqualTo(CopernicaWebhooksConsoleProperties.DEFAULT_PATH);
    assertThat(properties.get(prefix + "recent-calls").path("defaultValue").asInt(-1))
        .isEqualTo(RecentCalls.DEFAULT_CAPACITY);
    assertThat(properties.get(prefix + "role").path("defaultValue").asString()).isEqualTo(WebhookConsole.DEFAULT_ROLE);
  }

  private static WebhookRequest update(long profile) {
    return WebhookRequest.builder().header("Content-Type", "application/x-www-form-urlencoded")
        .body(("type=update&profile=" + profile + "&timestamp=2026-11-28+10%3A15%3A00").getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static ConsoleRequest local(String path) {
    return new ConsoleRequest("GET", path, Map.of(), Map.of("Host", "localhost:8080"), "127.0.0.1", role -> false,
        Map.of());
  }

  private static ConsoleRequest remote(String path) {
    return new ConsoleRequest("GET", path, Map.of(), Map.of("Host", "example.com"), "192.0.2.7", role -> false,
        Map.of());
  }

  private static String body(ConsoleResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
