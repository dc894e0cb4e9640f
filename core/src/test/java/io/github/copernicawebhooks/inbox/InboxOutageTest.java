package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two receiver processes on one PostgreSQL behind a relay that cuts the database for more than ten
 * seconds under steady signed load; one of them is killed ({@code kill -9}) during the outage and started
 * again while the database is still away. Every call that reaches a live process is answered 2xx, and every
 * such call is handled once the database is back, a replay and a duplicate sent to both during the outage
 * once each.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class InboxOutageTest {

  private static final String TARGET = "/webhooks/copernica";
  private static final int SENDERS = 4;

  private final WebhookSigner signer = WebhookSigner.generate();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger next = new AtomicInteger();
  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger unreachable = new AtomicInteger();
  private final AtomicInteger spooled = new AtomicInteger();
  private final List<String> phases = new ArrayList<>();
  private volatile InboxCrashTest.Node[] nodes;

  @Test
  void everyCallToALiveProcessIsAnswered2xxAndHandledAfterAnOutageWithAProcessKilledAndRestartedInIt()
      throws Exception {
    String database = Postgres.createDatabase();
    String direct = Postgres.url(Postgres.port(), database);
    InboxCrashTest.createTables(direct);
    Path pem = Files.createTempFile("inbox-outage", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, signer.publicKeyPem(), StandardCharsets.US_ASCII);
    Path spool = Spools.createDirectory();
    try (TcpProxy proxy = new TcpProxy(Postgres.port())) {
      String proxied = Postgres.url(proxy.port(), database) + "&socketTimeout=10";
      nodes = new InboxCrashTest.Node[] {new InboxCrashTest.Node("a", proxied, pem, spool),
          new InboxCrashTest.Node("b", proxied, pem, spool)};
      for (InboxCrashTest.Node node : nodes) {
        node.start();
      }
      load(Duration.ofSeconds(1), "before");
      proxy.cut();
      long cutAt = System.nanoTime();
      load(Duration.ofSeconds(3), "outage");
      nodes[0].kill();
      load(Duration.ofMillis(500), "outage, a killed");
      nodes[0].start(); // comes up although its database is still away
      load(Duration.ofSeconds(2), "outage, a restarted");
      List<Answer> repeated = sendReplayAndDuplicateToBoth();
      load(Duration.ofSeconds(10).minusNanos(System.nanoTime() - cutAt), "outage");
      long outage = System.nanoTime() - cutAt;
      proxy.restore();
      load(Duration.ofSeconds(2), "after");

      assertThat(repeated).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
      assertThat(refused.get()).as("calls to a live process not answered 2xx").isZero();
      String handled = "SELECT COUNT(DISTINCT profile_id) FROM crash_delivery";
      Await.until("every call answered 2xx is handled", Duration.ofSeconds(60),
          () -> InboxCrashTest.number(direct, handled) == acknowledged.size() + 2L,
          () -> InboxCrashTest.number(direct, handled) + " of " + (acknowledged.size() + 2) + " handled");
      for (InboxCrashTest.Node node : nodes) {
        node.stop();
      }
      for (int profile : List.of(1_000_001, 1_000_002)) {
        assertThat(InboxCrashTest.number(direct, "SELECT COUNT(*) FROM crash_delivery WHERE profile_id = " + profile))
            .as("the replay or duplicate " + profile + " sent to both processes during the outage").isEqualTo(1);
      }
      assertThat(InboxCrashTest.number(direct, "SELECT COUNT(*) FROM copernica_webhooks_inbox"))
          .isEqualTo(acknowledged.size() + 2L);
      System.out.printf("InboxOutageTest: outage of %d ms, process a killed and restarted in it; %d calls sent,"
          + " %d answered 2xx (%d from a spool), %d refused, %d sends to a dead process resent to the other,"
          + " %d handled after the outage (+ a replay and a duplicate sent to both, handled once each); %s%n",
          outage / 1_000_000, next.get(), acknowledged.size(), spooled.get(), refused.get(), unreachable.get(),
          InboxCrashTest.number(direct, handled) - 2, phases);
    } finally {
      Spools.delete(spool);
    }
  }

  private List<Answer> sendReplayAndDuplicateToBoth() throws InterruptedException {
    String replayed = Harness.profileUpdate(1_000_001);
    Map<String, String> once = sign(replayed);
    String duplicated = Harness.profileUpdate(1_000_002);
    List<Answer> answers = new ArrayList<>();
    for (InboxCrashTest.Node node : nodes) {
      answers.add(post(node, replayed, once));
      answers.add(post(node, duplicated, sign(duplicated)));
    }
    return answers;
  }

  private void load(Duration duration, String phase) throws Exception {
    int sentBefore = next.get();
    int spooledBefore = spooled.get();
    long deadline = System.nanoTime() + Math.max(0, duration.toNanos());
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      running.add(senders.submit(() -> {
        while (System.nanoTime() < deadline) {
          deliver(next.incrementAndGet());
          TimeUnit.MILLISECONDS.sleep(10); // the pace of the load, not a wait for a condition
        }
        return null;
      }));
    }
    for (Future<?> sender : running) {
      sender.get(60, TimeUnit.SECONDS);
    }
    senders.shutdown();
    phases.add(phase + ": " + (next.get() - sentBefore) + " sent, " + (spooled.get() - spooledBefore)
        + " spooled in " + duration.toMillis() + " ms");
  }

  /** Sends to one process and, when it is dead, to the other, as a load balancer would. */
  private void deliver(int profile) throws InterruptedException {
    String body = Harness.profileUpdate(profile);
    for (int attempt = 0; attempt < 2; attempt++) {
      Answer answer = post(nodes[(profile + attempt) % 2], body, sign(body));
      if (answer.status() == -1) {
        unreachable.incrementAndGet();
        continue;
      }
      if (answer.status() >= 200 && answer.status() < 300) {
        acknowledged.add(profile);
        if ("SPOOLED".equals(answer.kind())) {
          spooled.incrementAndGet();
        }
      } else {
        refused.incrementAndGet();
      }
      return;
    }
  }

  private Answer post(InboxCrashTest.Node node, String body, Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + TARGET))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("X-Outcome").orElse(""));
    } catch (IOException dead) {
      return new Answer(-1, "unreachable");
    }
  }

  private Map<String, String> sign(String body) {
    return signer.headersFor("POST", TARGET, "hooks.example.com", body.getBytes(StandardCharsets.UTF_8));
  }

  record Answer(int status, String kind) {}
}
