package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import io.github.copernicawebhooks.servlet.TestDatabase.Kind;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web.xml console servlet on Jetty over real HTTP: who may use it, what a POST needs, what masking
 * hides, and how a wrong init-param stops the deployment.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleServletTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate("account_1234");
  private static final Pattern TOKEN = Pattern.compile("<meta name=\"copernica-console-token\" content=\"([^\"]+)\">");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path temporary;

  @Test
  void answersOnlyLocalClientsByDefault() throws Exception {
    try (Deployment console = deploy("")) {
      HttpResponse<String> redirect = get(console.base.resolve("copernica-webhooks"), Map.of());
      assertThat(redirect.statusCode()).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Location")).hasValue("/copernica-webhooks/");
      assertThat(get(console.base.resolve("copernica-webhooks/"), Map.of()).body()).contains("<title>Copernica webhooks");

      HttpResponse<String> proxied = get(console.base.resolve("copernica-webhooks/api/calls"),
          Map.of("X-Forwarded-For", "198.51.100.4"));
      assertThat(proxied.statusCode()).as("a remote client through a proxy on this machine").isEqualTo(403);
      assertThat(proxied.body()).contains("answers only local clients");
      int rebound = RawHttp.exchange(console.port, ("GET /copernica-webhooks/api/calls HTTP/1.1\r\n"
          + "Host: attacker.example:" + console.port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
          10_000);
      assertThat(rebound).as("a DNS-rebinding page names its own host").isEqualTo(403);

      Optional<InetAddress> external = externalAddress();
      Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to call from");
      HttpResponse<String> remote = get(URI.create("http://" + external.get().getHostAddress() + ":" + console.port
          + "/copernica-webhooks/api/calls"), Map.of());
      assertThat(remote.statusCode()).as("a client calling from " + external.get()).isEqualTo(403);
    }
  }

  @Test
  void aPostWithoutTheTokenOrFromAnotherOriginIsRefused() throws Exception {
    try (Deployment console = deploy("")) {
      new CopernicaTestSender(SIGNER.withAccountId("account_9999")).send(console.endpoint(), body(1, "a@example.com"));
      URI purge = console.base.resolve("copernica-webhooks/api/purge?outcome=refused");
      String token = token(console);

      HttpResponse<String> noToken = post(purge, Map.of());
      HttpResponse<String> foreign = post(purge, Map.of(WebhookConsole.TOKEN_HEADER, token, "Origin", "http://evil.example",
          "Sec-Fetch-Site", "cross-site"));
      assertThat(noToken.statusCode()).isEqualTo(403);
      assertThat(noToken.body()).contains("missing or wrong console token");
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(get(console.base.resolve("copernica-webhooks/api/calls"), Map.of()).body())
          .contains("\"reason\":\"ACCOUNT_UNKNOWN\"");

      HttpResponse<String> allowed = post(purge, Map.of(WebhookConsole.TOKEN_HEADER, token,
          "Origin", "http://localhost:" + console.port));
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).contains("\"purged\":1");
      assertThat(get(console.base.resolve("copernica-webhooks/api/calls"), Map.of()).body()).contains("\"total\":0");
    }
  }

  @Test
  void masksValuesOnTheServerAndAllowsRemoteClientsWhenTold() throws Exception {
    String params = "<init-param><param-name>mask-values</param-name><param-value>true</param-value></init-param>"
        + "<init-param><param-name>allow-remote</param-name><param-value>true</param-value></init-param>"
        + "<init-param><param-name>recent-calls</param-name><param-value>20</param-value></init-param>";
    try (Deployment console = deploy(params)) {
      CopernicaTestSender sender = new CopernicaTestSender(SIGNER);
      assertThat(sender.send(console.endpoint(), body(4711, "jane.secret@example.org")).statusCode()).isEqualTo(200);
      new CopernicaTestSender(SIGNER.withAccountId("account_9999")).send(console.endpoint(),
          body(4712, "john.secret@example.org"));
      URI calls = console.base.resolve("copernica-webhooks/api/calls");
      awaitBody(calls, "\"outcome\":\"handled\"");

      List<String> everything = new ArrayList<>();
      everything.add(get(calls, Map.of()).body());
      for (String id : List.of("i1", "m2")) {
        everything.add(get(console.base.resolve("copernica-webhooks/api/calls/" + id), Map.of()).body());
      }

      assertThat(String.join("\n", everything))
          .contains("\"profileId\":4711", "ACCOUNT_UNKNOWN", "***")
          .doesNotContain("jane.secret", "john.secret", "Springfieldtown");
      assertThat(get(console.base.resolve("copernica-webhooks/api/info"), Map.of()).body())
          .contains("\"recentCalls\":20", "\"maskValues\":true");
      Optional<InetAddress> external = externalAddress();
      if (external.isPresent()) {
        assertThat(get(URI.create("http://" + external.get().getHostAddress() + ":" + console.port
            + "/copernica-webhooks/api/info"), Map.of()).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void anEmbeddedConsoleShowsTheCallsOfAReceiverBuiltInCode() throws Exception {
    SignatureVerifier verifier = SignatureVerifier.builder().accountIds(SIGNER.accountId())
        .keyResolver(SIGNER.resolver()).build();
    WebhookListener listener = event -> { };
    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();

    RecentCalls recent = RecentCalls.create();
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(verifier)
        .listener(listener)
        .observer(recent)
        .build();
    WebhookConsole console = WebhookConsole.builder(receiver).recentCalls(recent).build();
    context.addServlet(new ServletHolder(new CopernicaWebhookConsoleServlet(console)), "/copernica-webhooks/*");

    context.addFilter(new FilterHolder(new CopernicaWebhookFilter(receiver)), "/webhooks/copernica",
        EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    try {
      URI base = JndiContainers.base(server);
      assertThat(new CopernicaTestSender(SIGNER).send(base.resolve("webhooks/copernica"), body(4711, "a@example.com"))
          .statusCode()).isEqualTo(200);

      assertThat(get(base.resolve("copernica-webhooks/api/calls"), Map.of()).body())
          .contains("\"mode\":\"memory\"", "\"outcome\":\"handled\"", "\"profile\":4711");
    } finally {
      server.stop();
    }
  }

  @Test
  void aWrongInitParamStopsTheDeploymentNamingIt() throws Exception {
    // Every other wrong value: ConsoleSettingsTest, without a container.
    assertThat(failedDeployment("<init-param><param-name>filter-name</param-name><param-value>other</param-value>"
        + "</init-param>")).contains("init-param 'filter-name' names no CopernicaWebhookFilter");
    assertThat(failedDeployment("<init-param><param-name>allowed-addresses</param-name>"
        + "<param-value>10.0.0.0/8, ops.example.com</param-value></init-param>"))
        .contains("init-param 'allowed-addresses' is wrong", "'ops.example.com' is not an IP address");
  }

  private String failedDeployment(String params) throws Exception {
    Server server = JndiContainers.jetty(webapp(params), TestDatabase.fresh(Kind.H2).dataSource());
    try {
      server.start();
      throw new AssertionError("the deployment started");
    } catch (Exception expected) {
      return Throwables.messages(expected);
    } finally {
      server.stop();
    }
  }

  private Deployment deploy(String params) throws Exception {
    Server server = JndiContainers.jetty(webapp(params), TestDatabase.fresh(Kind.H2).dataSource());
    server.start();
    return new Deployment(server, JndiContainers.base(server));
  }

  private Path webapp(String params) throws IOException {
    Path directory = Files.createTempDirectory(temporary, "webapp");
    Path pem = directory.resolve("copernica-test-key.pem");
    Files.writeString(pem, SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    return Webapps.copy("console", directory, Map.of("@PUBLIC_KEY_FILE@", pem.toString(),
        "@INBOX_TABLE_PREFIX@", "console_", "@CONSOLE_PARAMS@", params));
  }

  private static String token(Deployment console) throws Exception {
    Matcher token = TOKEN.matcher(get(console.base.resolve("copernica-webhooks/"), Map.of()).body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private static void awaitBody(URI uri, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!get(uri, Map.of()).body().contains(text)) {
      assertThat(System.nanoTime()).as("waiting for " + text + " at " + uri).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    headers.forEach(request::header);
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(long profile, String email) {
    return "type=update&profile=" + profile + "&database=12&timestamp=2026-11-28+10%3A15%3A00"
        + "&fields%5Bemail%5D=" + email.replace("@", "%40") + "&fields%5Bcity%5D=Springfieldtown";
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

  /** A deployed web application, stopped when closed. */
  private static final class Deployment implements AutoCloseable {
    final Server server;
    final URI base;
    final int port;

    Deployment(Server server, URI base) {
      this.server = server;
      this.base = base;
      this.port = base.getPort();
    }

    URI endpoint() {
      return base.resolve("webhooks/copernica");
    }

    @Override
    public void close() throws Exception {
      server.stop();
    }
  }
}
