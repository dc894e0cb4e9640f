package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console servlet on a real embedded Tomcat 11: its redirect is built from its own mapping, a
 * {@code RemoteIpValve} in front makes a console that decides on addresses refuse every call, and a POST
 * through a proxy that rewrites {@code Host} is still the page's own.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TomcatConsoleAccessTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate("account_1234");
  private static final Pattern TOKEN = Pattern.compile("<meta name=\"copernica-console-token\" content=\"([^\"]+)\">");

  @TempDir Path temporary;

  private Tomcat tomcat;

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  @Test
  void redirectsToItsOwnPathNeverToTheRawRequestUri() throws Exception {
    int port = start("", UnaryOperator.identity(), Optional.empty());

    assertThat(location(get(port, "//evil.example/..;/copernica-webhooks", "localhost"))).isEqualTo("/copernica-webhooks/");
    assertThat(location(get(port, "/copernica-webhooks", "localhost"))).isEqualTo("/copernica-webhooks/");
  }

  @Test
  void redirectsBelowTheConfiguredContextPath() throws Exception {
    int port = start("/app", UnaryOperator.identity(), Optional.empty());

    assertThat(location(get(port, "//evil.example/..;/app/copernica-webhooks", "localhost")))
        .isEqualTo("/app/copernica-webhooks/");
    assertThat(location(get(port, "/./app/copernica-webhooks", "localhost"))).isEqualTo("/app/copernica-webhooks/");
  }

  @Test
  void behindARemoteIpValveTheLocalOnlyConsoleRefusesEveryCall() throws Exception {
    int port = start("", UnaryOperator.identity(), Optional.of(new RemoteIpValve()));

    String forged = get(port, "/copernica-webhooks/api/calls", "localhost", "X-Forwarded-For: 127.0.0.1");

    assertThat(forged).startsWith("HTTP/1.1 403").contains("RemoteIpValve", "role", "trusted-proxies");
  }

  @Test
  void behindARemoteIpValveAClientOnAnotherMachineCannotPassForLocal() throws Exception {
    Optional<InetAddress> external = ConsoleServletTest.externalAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to call from");
    RemoteIpValve valve = new RemoteIpValve();
    valve.setInternalProxies("127.0.0.0/8, " + external.get().getHostAddress() + "/32");
    int port = start("", UnaryOperator.identity(), Optional.of(valve));

    String forged = RawHttp.response(external.get().getHostAddress(), port, "GET /copernica-webhooks/api/calls HTTP/1.1\r\n"
        + "Host: localhost\r\nX-Forwarded-For: 127.0.0.1\r\nConnection: close\r\n\r\n");

    assertThat(forged).startsWith("HTTP/1.1 403").contains("RemoteIpValve");
  }

  @Test
  void withoutARewriteATrustedProxyNamesTheClient() throws Exception {
    int port = start("", console -> console.trustedProxies(List.of("127.0.0.1")), Optional.empty());

    assertThat(get(port, "/copernica-webhooks/api/calls", "localhost", "X-Forwarded-For: 127.0.0.1"))
        .startsWith("HTTP/1.1 200");
    assertThat(get(port, "/copernica-webhooks/api/calls", "localhost", "X-Forwarded-For: 127.0.0.1",
        "X-Forwarded-For: 198.51.100.4")).as("the proxy appended the real client on a second line")
        .startsWith("HTTP/1.1 403");
  }

  @Test
  void aPostThroughAProxyThatRewritesTheHostIsThePagesOwn() throws Exception {
    int port = start("", console -> console.allowRemote(true), Optional.empty());
    Matcher token = TOKEN.matcher(get(port, "/copernica-webhooks/", "backend.internal:8080"));
    assertThat(token.find()).isTrue();

    String purge = post(port, "backend.internal:8080", "Origin: https://ops.example.com", "Sec-Fetch-Site: same-origin",
        WebhookConsole.TOKEN_HEADER + ": " + token.group(1));
    String foreign = post(port, "backend.internal:8080", "Origin: https://evil.example", "Sec-Fetch-Site: cross-site",
        WebhookConsole.TOKEN_HEADER + ": " + token.group(1));

    assertThat(purge).startsWith("HTTP/1.1 200").contains("\"purged\":0");
    assertThat(foreign).startsWith("HTTP/1.1 403").contains("another site");
  }

  private int start(String contextPath, UnaryOperator<WebhookConsole.Builder> settings, Optional<RemoteIpValve> valve)
      throws Exception {
    RecentCalls recent = RecentCalls.create();
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.resolver()).build())
        .listener(event -> { })
        .observer(recent)
        .build();
    WebhookConsole console = settings.apply(WebhookConsole.builder(receiver).recentCalls(recent)).build();
    tomcat = new Tomcat();
    Path base = Files.createTempDirectory(temporary, "tomcat");
    tomcat.setBaseDir(base.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    valve.ifPresent(tomcat.getHost().getPipeline()::addValve);
    Context context = tomcat.addContext(contextPath, base.toString());
    Tomcat.addServlet(context, "console", new CopernicaWebhookConsoleServlet(console));
    context.addServletMappingDecoded("/copernica-webhooks/*", "console");
    tomcat.start();
    return tomcat.getConnector().getLocalPort();
  }

  private static String get(int port, String target, String host, String... headers) throws Exception {
    return RawHttp.response("127.0.0.1", port, "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
        + lines(headers) + "Connection: close\r\n\r\n");
  }

  private static String post(int port, String host, String... headers) throws Exception {
    return RawHttp.response("127.0.0.1", port, "POST /copernica-webhooks/api/purge?outcome=refused HTTP/1.1\r\nHost: "
        + host + "\r\n" + lines(headers) + "Content-Length: 0\r\nConnection: close\r\n\r\n");
  }

  private static String lines(String... headers) {
    StringBuilder lines = new StringBuilder();
    for (String header : headers) {
      lines.append(header).append("\r\n");
    }
    return lines.toString();
  }

  private static String location(String response) {
    assertThat(response).startsWith("HTTP/1.1 302");
    Matcher location = Pattern.compile("(?im)^Location: ([^\r\n]*)").matcher(response);
    assertThat(location.find()).as(response).isTrue();
    return location.group(1);
  }
}
