package io.github.copernicawebhooks.inbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One receiver process of {@link InboxCrashTest}: a JDK HTTP server in front of {@code receiver.receive}
 * with an inbox on PostgreSQL. Its handler fails a random 10% of first deliveries and records every
 * delivery it completes in a table of its own, over a connection of its own, before returning.
 *
 * <p>Arguments: the JDBC URL, this incarnation's instance id, the file with the sender's public key, the
 * spool directory. Prints
 * {@code READY <port>} when it takes calls; a SIGTERM closes the receiver gracefully, a SIGKILL does not.
 */
public final class InboxCrashNode {

  private InboxCrashNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String instance = args[1];
    String pem = Files.readString(Path.of(args[2]), StandardCharsets.US_ASCII);
    TestPool pool = new TestPool(() -> DriverManager.getConnection(url), 8);
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder()
            .accountIds(WebhookSigner.DEFAULT_ACCOUNT_ID)
            .keyResolver(PublicKeyResolver.fromPem(pem))
            .publicBaseUrl("https://hooks.example.com")
            .build())
        .listener(new RecordingListener(url, instance))
        .shutdownTimeout(Duration.ofSeconds(5))
        .inbox(InboxSettings.builder(pool)
            .instanceId(instance)
            .spoolDirectory(Path.of(args[3]))
            .workers(2)
            .lease(Duration.ofSeconds(4))
            .pollInterval(Duration.ofMillis(100))
            .retryInitialDelay(Duration.ofMillis(100))
            .retryMaxDelay(Duration.ofSeconds(1))
            .build())
        .build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(12));
    server.createContext("/", exchange -> answer(receiver, exchange));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      receiver.close();
    }));
    System.out.println("READY " + server.getAddress().getPort());
    System.out.flush();
  }

  private static void answer(WebhookReceiver receiver, HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    WebhookRequest.Builder request = WebhookRequest.builder()
        .method(exchange.getRequestMethod())
        .target(exchange.getRequestURI().getRawPath())
        .body(body);
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      header.getValue().forEach(value -> request.header(header.getKey(), value));
    }
    WebhookOutcome outcome = receiver.receive(request.build());
    byte[] message = outcome.message().getBytes(StandardCharsets.UTF_8);
    outcome.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.getResponseHeaders().add("X-Outcome", outcome.kind().name());
    exchange.sendResponseHeaders(outcome.status(), message.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(message);
    }
  }

  /** Fails 10% of first deliveries; records each completed delivery, committed before it returns. */
  static final class RecordingListener implements WebhookListener {
    private final String url;
    private final String instance;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();

    RecordingListener(String url, String instance) {
      this.url = url;
      this.instance = instance;
    }

    @Override
    public void onEvent(WebhookEvent event) {
      throw new AssertionError("the inbox calls onEvent(event, request)");
    }

    @Override
    public void onEvent(WebhookEvent event, WebhookRequest request) throws SQLException {
      long delivery = Long.parseLong(request.deliveryId().orElseThrow());
      long profile = ((ProfileEvent) event).profileId();
      if (firstSight(delivery) && ThreadLocalRandom.current().nextInt(10) == 0) {
        throw new IllegalStateException("the first delivery of " + delivery + " fails on purpose");
      }
      try (PreparedStatement insert = connection().prepareStatement(
          "INSERT INTO crash_delivery (delivery_id, profile_id, instance_id) VALUES (?, ?, ?)")) {
        insert.setLong(1, delivery);
        insert.setLong(2, profile);
        insert.setString(3, instance);
        insert.executeUpdate();
      }
    }

    private boolean firstSight(long delivery) throws SQLException {
      try (PreparedStatement insert = connection().prepareStatement(
          "INSERT INTO crash_seen (delivery_id) VALUES (?) ON CONFLICT DO NOTHING")) {
        insert.setLong(1, delivery);
        return insert.executeUpdate() == 1;
      }
    }

    private Connection connection() throws SQLException {
      Connection current = connection.get();
      if (current == null || current.isClosed()) {
        current = DriverManager.getConnection(url);
        connection.set(current);
      }
      return current;
    }
  }
}
