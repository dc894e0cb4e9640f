package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.console.WebhookConsole;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.io.IOException;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console behind the application's Spring Security, on a real Tomcat (run by failsafe, the only tests
 * with Spring Security on the class path): anonymous users and users without the role are refused, the
 * role is admitted from any address, and a POST needs both the application's CSRF token and the console's.
 */
@SpringBootTest(
    classes = ConsoleSecurityIT.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID,
      "copernica.webhooks.console.enabled=true"
    })
class ConsoleSecurityIT {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final Pattern POST_HEADER =
      Pattern.compile("<meta name=\"copernica-console-post-header\" content=\"([^:\"]+):([^\"]+)\">");
  private static final Pattern TOKEN = Pattern.compile("<meta name=\"copernica-console-token\" content=\"([^\"]+)\">");

  @LocalServerPort
  private int port;

  @Autowired
  private WebhookConsole console;

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  @DynamicPropertySource
  static void trustTheTestSigner(DynamicPropertyRegistry registry) throws IOException {
    Path pem = Files.createTempFile("copernica-test-key", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    registry.add("copernica.webhooks.signature.public-key", () -> pem.toUri().toString());
  }

  @Test
  void needsTheDocumentedRole() throws Exception {
    assertThat(console.role()).contains(WebhookConsole.DEFAULT_ROLE).contains("COPERNICA_WEBHOOKS_CONSOLE");
    assertThat(get("/copernica-webhooks/api/calls", Optional.empty()).statusCode()).as("anonymous").isEqualTo(401);
    HttpResponse<String> guest = get("/copernica-webhooks/api/calls", Optional.of("guest:guest-secret"));
    assertThat(guest.statusCode()).isEqualTo(403);
    assertThat(guest.body()).contains("needs the role COPERNICA_WEBHOOKS_CONSOLE");
    HttpResponse<String> operator = get("/copernica-webhooks/api/calls", Optional.of("operator:operator-secret"));
    assertThat(operator.statusCode()).isEqualTo(200);
    assertThat(operator.body()).contains("\"mode\":\"memory\"");
  }

  @Test
  void admitsTheRoleFromAnotherMachine() throws Exception {
    Optional<InetAddress> external = externalAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to call from");
    URI remote = URI.create("http://" + external.get().getHostAddress() + ":" + port + "/copernica-webhooks/api/info");

    HttpResponse<String> response = client.send(authorized(HttpRequest.newBuilder(remote), "operator:operator-secret")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void aPostNeedsTheApplicationsCsrfTokenAndTheConsolesToken() throws Exception {
    String page = get("/copernica-webhooks/", Optional.of("operator:operator-secret")).body();
    Matcher csrf = POST_HEADER.matcher(page);
    Matcher token = TOKEN.matcher(page);
    assertThat(csrf.find()).as("the page carries the application's CSRF header for its script").isTrue();
    assertThat(token.find()).isTrue();
    Map<String, String> both = Map.of(csrf.group(1), csrf.group(2), WebhookConsole.TOKEN_HEADER, token.group(1));

    HttpResponse<String> withoutConsoleToken = post(Map.of(csrf.group(1), csrf.group(2)));
    HttpResponse<String> withoutCsrf = post(Map.of(WebhookConsole.TOKEN_HEADER, token.group(1)));
    HttpResponse<String> withBoth = post(both);

    assertThat(withoutConsoleToken.statusCode()).isEqualTo(403);
    assertThat(withoutConsoleToken.body()).contains("missing or wrong console token");
    assertThat(withoutCsrf.statusCode()).as("Spring Security's own CSRF check, before it authenticates").isIn(401, 403);
    assertThat(withoutCsrf.body()).doesNotContain("purged");
    assertThat(withBoth.statusCode()).as(withBoth.body()).isEqualTo(200);
    assertThat(withBoth.body()).contains("\"purged\":0");
  }

  @Test
  void theWebhookEndpointStaysOpenToCopernica() throws Exception {
    URI endpoint = URI.create("http://localhost:" + port + "/webhooks/copernica");

    assertThat(new CopernicaTestSender(SIGNER).send(endpoint,
        "type=update&profile=4711&timestamp=2026-11-28+10%3A15%3A00").statusCode()).isEqualTo(200);
    assertThat(get("/copernica-webhooks/api/calls", Optional.of("operator:operator-secret")).body())
        .contains("\"profile\":4711");
  }

  private HttpResponse<String> get(String path, Optional<String> user) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    user.ifPresent(credentials -> authorized(request, credentials));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/copernica-webhooks/api/purge?outcome=refused"))
        .POST(HttpRequest.BodyPublishers.noBody());
    authorized(request, "operator:operator-secret");
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder request, String credentials) {
    return request.header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  static Optional<InetAddress> externalAddress() throws SocketException {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!network.isUp() || network.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(network.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .httpBasic(Customizer.withDefaults())
          .build();
    }

    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("operator").password("{noop}operator-secret").roles(WebhookConsole.DEFAULT_ROLE).build(),
          User.withUsername("guest").password("{noop}guest-secret").roles("USER").build());
    }
  }
}
