package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two receiver processes on one PostgreSQL take thousands of signed calls while one of them is killed
 * ({@code kill -9}) at random moments and restarted, several times; the handler fails a random 10% of
 * first deliveries. At the end every call answered 2xx was handled, nothing is left pending, and an event
 * was handled twice only where the process that handled it first died before it could commit that.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InboxCrashTest {

  private static final int CALLS = Integer.getInteger("inbox.crash.calls", 2000);
  private static final int KILLS = Integer.getInteger("inbox.crash.kills", 5);
  private static final int REPLAYS = 20;
  private static final int DUPLICATES = 20;
  private static final String TARGET = "/webhooks/copernica";

  private final WebhookSigner signer = WebhookSigner.generate();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final Set<String> killed = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resent = new AtomicInteger();
  private final AtomicInteger duplicatesAnswered = new AtomicInteger();
  private final AtomicInteger replaysRefused = new AtomicInteger();

  @Test
  void noAcknowledgedEventIsLostWhenReceiverProcessesAreKilledAndRestarted() throws Exception {
    long seed = Long.getLong("inbox.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.println("InboxCrashTest seed " + seed + " (replay with -Dinbox.crash.seed=" + seed + ")");
    String url = Postgres.url(Postgres.port(), Postgres.createDatabase());
    createTables(url);
    Path pem = Files.createTempFile("inbox-crash", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, signer.publicKeyPem(), StandardCharsets.US_ASCII);
    Path spool = Files.createTempDirectory("inbox-crash-spool");
    Node[] nodes = {new Node("a", url, pem, spool), new Node("b", url, pem, spool)};
    for (Node node : nodes) {
      node.start();
    }
    List<Call> calls = new ArrayList<>();
    for (int profile = 1; profile <= CALLS; profile++) {
      calls.add(new Call(profile, Harness.profileUpdate(profile), sign(Harness.profileUpdate(profile)), profile % 2));
    }

    long started = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>(calls);
    List<Future<?>> sending = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sending.add(senders.submit(() -> {
        for (Call call = queue.poll(); call != null; call = queue.poll()) {
          deliver(call, nodes);
        }
        return null;
      }));
    }
    for (int kill = 1; kill <= KILLS; kill++) {
      long pause = 400 + random.nextInt(1200);
      TimeUnit.MILLISECONDS.sleep(pause); // a random moment for the next kill, not an ordering
      Node victim = nodes[random.nextInt(2)];
      killed.add(victim.instance());
      victim.kill();
      victim.start();
    }
    for (Future<?> future : sending) {
      future.get(120, TimeUnit.SECONDS);
    }
    long sent = System.nanoTime();
    int replayed = sendReplaysAndDuplicates(nodes);
    senders.shutdown();

    Await.until("no event is pending, failed or in progress", Duration.ofSeconds(90),
        () -> number(url, "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status <> 'HANDLED'") == 0,
        () -> "left: " + number(url, "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status <> 'HANDLED'"));
    long drained = System.nanoTime();
    for (Node node : nodes) {
      node.stop();
    }

    assertThat(number(url, "SELECT COUNT(*) FROM copernica_webhooks_inbox")).isEqualTo(CALLS + REPLAYS);
    assertThat(number(url, "SELECT COUNT(DISTINCT profile_id) FROM crash_delivery"))
        .as("every call answered 2xx was handled").isEqualTo(CALLS + REPLAYS);
    assertThat(number(url, "SELECT COUNT(*) FROM copernica_webhooks_inbox i WHERE (SELECT COUNT(*) FROM"
        + " copernica_webhooks_inbox_attempt a WHERE a.inbox_id = i.id AND a.succeeded) <> 1"))
        .as("exactly one committed success per event").isZero();
    Map<String, Long> extra = extraDeliveries(url);
    assertThat(extra.keySet()).as("instances that delivered an event whose success another committed")
        .isSubsetOf(killed);
    long doubles = extra.values().stream().mapToLong(Long::longValue).sum();
    long failedFirst = number(url, "SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt WHERE NOT succeeded"
        + " AND error LIKE '%fails on purpose%'");
    assertThat(failedFirst).as("about a tenth of first deliveries failed").isBetween(CALLS / 25L, CALLS / 5L);
    List<Integer> repeated = new ArrayList<>();
    for (int profile = 1; profile <= DUPLICATES; profile++) {
      repeated.add(profile);
    }
    for (int profile = CALLS + 1; profile <= CALLS + REPLAYS; profile++) {
      repeated.add(profile);
    }
    for (int profile : repeated) {
      assertThat(number(url, "SELECT COUNT(*) FROM crash_delivery d WHERE profile_id = " + profile
          + " AND NOT EXISTS (SELECT 1 FROM copernica_webhooks_inbox_attempt a WHERE a.inbox_id = d.delivery_id"
          + " AND a.succeeded AND a.instance_id <> d.instance_id)"))
          .as("the replayed or duplicated event " + profile + " was handled once (besides deliveries of killed"
              + " processes)").isEqualTo(1);
    }
    System.out.printf("InboxCrashTest: %d calls, %d kills (%s), %d resent after errors, %d replays refused,"
        + " %d duplicates answered 200, %d failed first deliveries retried, %d double deliveries (process died"
        + " between handler and commit: %s); sent in %d ms, drained %d ms later%n", CALLS, KILLS, killed, resent.get(), replaysRefused.get(),
        duplicatesAnswered.get(), failedFirst, doubles, extra, (sent - started) / 1_000_000, (drained - sent) / 1_000_000);
    assertThat(replayed).isEqualTo(REPLAYS);
  }

  /** Sends until a 2xx: an error or a dead node makes the sender sign the body again and try the other node. */
  private void deliver(Call call, Node[] nodes) throws InterruptedException {
    Map<String, String> headers = call.headers();
    int node = call.node();
    for (int attempt = 1; ; attempt++) {
      Answer answer = post(nodes[node], call.body(), headers);
      if (answer.status() >= 200 && answer.status() < 300) {
        if ("DUPLICATE".equals(answer.kind())) {
          duplicatesAnswered.incrementAndGet();
        }
        return;
      }
      assertThat(attempt).as("attempts to deliver profile " + call.profile()).isLessThan(500);
      resent.incrementAndGet();
      headers = sign(call.body());
      node = 1 - node;
      TimeUnit.MILLISECONDS.sleep(20); // a sender's back-off before it resends
    }
  }

  /**
   * New calls each sent, signed once, to both nodes (a replay: stored by the first, refused by the second
   * with 401), and bodies stored before signed again and sent to both (duplicates: 200, stored nowhere).
   */
  private int sendReplaysAndDuplicates(Node[] nodes) throws InterruptedException {
    int refused = 0;
    for (int profile = CALLS + 1; profile <= CALLS + REPLAYS; profile++) {
      Map<String, String> headers = sign(Harness.profileUpdate(profile));
      Answer first = post(nodes[profile % 2], Harness.profileUpdate(profile), headers);
      Answer second = post(nodes[1 - profile % 2], Harness.profileUpdate(profile), headers);
      assertThat(first.kind()).isEqualTo("STORED");
      assertThat(second.status()).as("the same signed call again is a replay").isEqualTo(401);
      replaysRefused.incrementAndGet();
      refused++;
    }
    for (int profile = 1; profile <= DUPLICATES; profile++) {
      for (Node node : nodes) {
        Answer answer = post(node, Harness.profileUpdate(profile), sign(Harness.profileUpdate(profile)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.kind()).isEqualTo("DUPLICATE");
        duplicatesAnswered.incrementAndGet();
      }
    }
    return refused;
  }

  private Answer post(Node node, String body, Map<String, String> headers) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + TARGET))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("X-Outcome").orElse(""));
    } catch (IOException unreachable) {
      return new Answer(-1, "unreachable");
    }
  }

  private Map<String, String> sign(String body) {
    return signer.headersFor("POST", TARGET, "hooks.example.com", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Per instance, the deliveries it completed of events whose success another instance committed. */
  private static Map<String, Long> extraDeliveries(String url) throws SQLException {
    Map<String, Long> extra = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT d.instance_id, COUNT(*) FROM crash_delivery d WHERE NOT EXISTS"
            + " (SELECT 1 FROM copernica_webhooks_inbox_attempt a WHERE a.inbox_id = d.delivery_id AND a.succeeded"
            + " AND a.instance_id = d.instance_id) GROUP BY d.instance_id")) {
      while (rows.next()) {
        extra.put(rows.getString(1), rows.getLong(2));
      }
    }
    return extra;
  }

  static void createTables(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      for (String sql : InboxSchemaTest.statements(InboxSchema.script("postgresql", InboxSettings.DEFAULT_TABLE_PREFIX))) {
        statement.execute(sql);
      }
      statement.execute("CREATE TABLE crash_delivery (id BIGSERIAL PRIMARY KEY, delivery_id BIGINT NOT NULL,"
          + " profile_id BIGINT NOT NULL, instance_id VARCHAR(64) NOT NULL)");
      statement.execute("CREATE TABLE crash_seen (delivery_id BIGINT PRIMARY KEY)");
    }
  }

  static long number(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  record Call(int profile, String body, Map<String, String> headers, int node) {}

  record Answer(int status, String kind) {}

  /** One receiver process; each start is a new incarnation with its own instance id. */
  static final class Node {
    private final String name;
    private final String url;
    private final Path pem;
    private final Path spool;
    private int incarnation;
    private volatile Process process;
    private volatile int port = 1;
    private volatile String instance = "";

    Node(String name, String url, Path pem, Path spool) {
      this.name = name;
      this.url = url;
      this.pem = pem;
      this.spool = spool;
    }

    synchronized void start() throws IOException {
      incarnation++;
      instance = name + "-" + incarnation;
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path log = Files.createTempFile("inbox-crash-" + instance, ".log");
      log.toFile().deleteOnExit();
      Process started = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Xshare:auto", "-cp", System.getProperty("java.class.path"), InboxCrashNode.class.getName(), url, instance,
          pem.toString(), spool.toString()).redirectError(log.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("READY ")) {
        throw new IllegalStateException("node " + instance + " did not start: " + Files.readString(log));
      }
      process = started;
      port = Integer.parseInt(line.substring("READY ".length()).trim());
    }

    String instance() {
      return instance;
    }

    int port() {
      return port;
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is given back. */
    synchronized void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the receiver closes gracefully. */
    synchronized void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
