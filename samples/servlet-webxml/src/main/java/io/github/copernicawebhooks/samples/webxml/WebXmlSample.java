package io.github.copernicawebhooks.samples.webxml;

import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * Runs the sample WAR in embedded Jetty.
 *
 * <p>Without configuration it runs a demo: it trusts a key pair generated at start-up and sends
 * itself one signed example of every event type, so the log shows each one received, verified and
 * handled. With the environment variable {@code COPERNICA_ACCOUNT_IDS} set it is a real receiver that
 * verifies Copernica's calls against the keys Copernica publishes in DNS. The port is {@code -Dport=}
 * or {@code PORT} (default 8080).
 */
public final class WebXmlSample implements AutoCloseable {

  static final String PATH = "/webhooks/copernica";

  private final Server server;
  private final @Nullable WebhookSigner demoSigner;
  private final Path workDirectory;

  private WebXmlSample(Server server, @Nullable WebhookSigner demoSigner, Path workDirectory) {
    this.server = server;
    this.demoSigner = demoSigner;
    this.workDirectory = workDirectory;
  }

  public static void main(String[] args) throws Exception {
    String accountIds = System.getenv("COPERNICA_ACCOUNT_IDS");
    WebXmlSample sample = start(port(), builtWar(), accountIds);
    Runtime.getRuntime().addShutdownHook(new Thread(sample::close, "sample-shutdown"));
    System.out.println("Copernica webhook endpoint: " + sample.endpoint());
    System.out.println("Web console: " + sample.console());
    if (sample.isDemo()) {
      System.out.println("Demo mode: sending one signed example of every event type to it.");
      sample.sendDemoEvents().forEach((event, status) -> System.out.println("  " + event + " -> HTTP " + status));
      System.out.println("Press Ctrl-C to stop.");
    }
    sample.server.join();
  }

  /**
   * Starts the WAR on the port (0 for any free one). With no account ids it runs the demo
   * configuration: a generated key pair is trusted instead of the keys in DNS.
   */
  public static WebXmlSample start(int port, Path war, @Nullable String accountIds) throws Exception {
    Path workDirectory = Files.createTempDirectory("copernica-webhooks-sample");
    WebhookSigner demoSigner = accountIds == null || accountIds.isBlank() ? WebhookSigner.generate() : null;
    Path override = workDirectory.resolve("override-web.xml");
    Files.writeString(override, overrideDescriptor(demoSigner, accountIds, workDirectory), StandardCharsets.UTF_8);

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/");
    webapp.setWar(war.toString());
    webapp.setTempDirectory(workDirectory.resolve("jetty").toFile());
    webapp.addOverrideDescriptor(override.toString());
    webapp.setThrowUnavailableOnStartupException(true);
    server.setHandler(webapp);
    server.setStopAtShutdown(false);
    server.start();
    return new WebXmlSample(server, demoSigner, workDirectory);
  }

  /** The URL of the webhook endpoint. */
  public URI endpoint() {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return URI.create("http://localhost:" + port + PATH);
  }

  /** The URL of the web console. */
  public URI console() {
    return endpoint().resolve("/copernica-webhooks/");
  }

  public boolean isDemo() {
    return demoSigner != null;
  }

  /** Sends one signed example of every event type; returns the HTTP status per event type. */
  public Map<String, Integer> sendDemoEvents() throws IOException, InterruptedException {
    if (demoSigner == null) {
      throw new IllegalStateException("not running in demo mode");
    }
    return new CopernicaTestSender(demoSigner).sendExamples(endpoint());
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop Jetty", e);
    }
  }

  /** The WAR that {@code mvn package} built beside this class's output folder. */
  static Path builtWar() throws URISyntaxException {
    Path classes = Path.of(WebXmlSample.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return classes.resolveSibling("copernica-webhooks-sample-webxml.war");
  }

  private static int port() {
    String value = System.getProperty("port", System.getenv().getOrDefault("PORT", "8080"));
    return Integer.parseInt(value.trim());
  }

  /** web.xml stays as shipped; only the account ids and, for the demo, the trusted key are overridden. */
  private static String overrideDescriptor(
      @Nullable WebhookSigner demoSigner, @Nullable String accountIds, Path workDirectory) throws IOException {
    StringBuilder params = new StringBuilder();
    if (demoSigner != null) {
      Path pem = workDirectory.resolve("demo-public-key.pem");
      Files.writeString(pem, demoSigner.publicKeyPem(), StandardCharsets.US_ASCII);
      params.append(initParam("account-ids", demoSigner.accountId()));
      params.append(initParam("public-key", pem.toString()));
    } else {
      params.append(initParam("account-ids", accountIds));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <filter>
            <filter-name>copernica-webhooks</filter-name>
        %s  </filter>
        </web-app>
        """.formatted(params);
  }

  private static String initParam(String name, @Nullable String value) {
    return "    <init-param><param-name>" + name + "</param-name><param-value>" + escape(value)
        + "</param-value></init-param>\n";
  }

  private static String escape(@Nullable String value) {
    return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
