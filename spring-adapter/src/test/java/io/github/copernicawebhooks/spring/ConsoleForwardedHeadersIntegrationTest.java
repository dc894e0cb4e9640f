package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * The local-only console of a Boot application on a real Tomcat, where something replaces the peer address
 * with {@code X-Forwarded-For}: Boot's own forwarded-header settings stop the start, and a
 * {@code ForwardedHeaderFilter} that no start-up check can see makes the console refuse the calls it rewrote.
 */
class ConsoleForwardedHeadersIntegrationTest {

  private static final String[] ARGUMENTS = {"--server.port=0", "--copernica.webhooks.signature.mode=off",
      "--copernica.webhooks.console.enabled=true"};

  @Test
  void bootsForwardedHeaderStrategyStopsTheStartOfALocalOnlyConsole() {
    for (String strategy : new String[] {"framework", "native"}) {
      Throwable failure = catchThrowable(() -> run(App.class, "--server.forward-headers-strategy=" + strategy).close());

      assertThat(failure).as(strategy).isNotNull().rootCause().isInstanceOf(WebhookConfigurationException.class)
          .hasMessageContaining("server.forward-headers-strategy=" + strategy);
    }
  }

  @Test
  void aForwardedHeaderFilterInFrontMakesTheLocalOnlyConsoleRefuseWhatItRewrote() throws Exception {
    try (ConfigurableApplicationContext context = run(FilteredApp.class)) {
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));

      String forged = exchange(InetAddress.getLoopbackAddress(), port, "X-Forwarded-For: 127.0.0.1\r\n");
      String plain = exchange(InetAddress.getLoopbackAddress(), port, "");

      assertThat(forged).startsWith("HTTP/1.1 403").contains("Spring's ForwardedHeaderFilter", "role");
      assertThat(plain).as("nothing to rewrite: the filter leaves the request alone").startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void behindAForwardedHeaderFilterAClientOnAnotherMachineCannotPassForLocal() throws Exception {
    Optional<InetAddress> external = ConsoleSecurityIT.externalAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to call from");
    try (ConfigurableApplicationContext context = run(FilteredApp.class)) {
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));

      String forged = exchange(external.get(), port, "X-Forwarded-For: 127.0.0.1\r\n");

      assertThat(forged).startsWith("HTTP/1.1 403").contains("Spring's ForwardedHeaderFilter");
    }
  }

  private static ConfigurableApplicationContext run(Class<?> application, String... more) {
    String[] arguments = java.util.Arrays.copyOf(ARGUMENTS, ARGUMENTS.length + more.length);
    System.arraycopy(more, 0, arguments, ARGUMENTS.length, more.length);
    return SpringApplication.run(application, arguments);
  }

  /** A GET of the console's calls that names a loopback host, as a forging client would. */
  private static String exchange(InetAddress address, int port, String headers) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 10_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /copernica-webhooks/api/calls HTTP/1.1\r\nHost: localhost\r\n" + headers
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  /** Registers the filter through the servlet context, where no bean of its type shows it. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class FilteredApp {

    @Bean
    ServletContextInitializer forwardedHeaders() {
      return servletContext -> servletContext.addFilter("forwardedHeaders", new ForwardedHeaderFilter())
          .addMappingForUrlPatterns(null, false, "/*");
    }
  }
}
