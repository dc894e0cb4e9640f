package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of generated bad requests against {@code CopernicaWebhookFilter} in a real Jetty: every answer
 * must be a 4xx of the HTTP contract table (400, 401, 405, 413, 415), never a 5xx and never a hang, and
 * afterwards the server must still accept a valid signed call.
 *
 * <p>Body-level cases (random bytes, truncated escapes, huge keys, deep brackets, over 10 000 variables,
 * invalid UTF-8, good and broken multi-byte UTF-8 in names around brackets, broken JSON, invalid variables,
 * wrong content types and methods, oversize bodies) go to a
 * filter with signature verification <b>off</b>, so that they reach the parser. Header-level cases (missing,
 * garbage, duplicate and stale signature headers, tampered bodies) go to a filter with signature
 * verification <b>on</b> (a pinned test key). What {@code HttpClient} refuses to send (absurd or conflicting
 * {@code Content-Length}, short bodies, malformed header lines, duplicate {@code Host}, non-HTTP bytes)
 * is written on a raw socket, to either filter, with socket timeouts.
 *
 * <p>The generator is seeded with a new seed every run; every failure prints the seed and carries it in its
 * message, and {@code -Dhostile.seed=N} replays it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostileInputTest {

  static final int CASES = 5_200;
  static final int MAX_BODY_BYTES = 256 * 1024;
  private static final Set<Integer> CONTRACT_4XX = Set.of(400, 401, 405, 413, 415);

  private final WebhookSigner signer = WebhookSigner.generate();
  private final List<WebhookEvent> dispatched = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  /** Thousands of refusals are logged one line each: kept quiet here, the answers are what is checked. */
  private final Logger receiverLog = Logger.getLogger(WebhookReceiver.class.getName());
  private final Logger filterLog = Logger.getLogger(CopernicaWebhookFilter.class.getName());
  private final Level receiverLogLevel = receiverLog.getLevel();
  private final Level filterLogLevel = filterLog.getLevel();
  private AbuseServer server;

  @BeforeAll
  void startServer() throws Exception {
    receiverLog.setLevel(Level.SEVERE);
    filterLog.setLevel(Level.SEVERE);
    WebhookReceiver unsigned = WebhookReceiver.builder()
        .signatureOff()
        .maxBodyBytes(MAX_BODY_BYTES)
        .listener(dispatched::add)
        .build();
    WebhookReceiver signed = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.knownKeyResolver()).build())
        .maxBodyBytes(MAX_BODY_BYTES)
        .listener(dispatched::add)
        .build();
    server = AbuseServer.start(
        Map.of(HostileRequests.UNSIGNED, unsigned, HostileRequests.SIGNED, signed), Map.of());
  }

  @AfterAll
  void stopServer() throws Exception {
    receiverLog.setLevel(receiverLogLevel);
    filterLog.setLevel(filterLogLevel);
    server.close();
  }

  @Test
  void answersEveryHostileRequestWithAContract4xxAndStillAcceptsAValidCallAfterwards() throws Exception {
    long seed = Long.getLong("hostile.seed", new Random().nextLong());
    String replay = "seed " + seed + " (replay with -Dhostile.seed=" + seed + ")";
    try {
      sendHostileRequests(seed, replay);
    } catch (Throwable failure) {
      System.err.println("HostileInputTest failed with " + replay);
      throw new AssertionError(replay + ": " + failure.getMessage(), failure);
    }
  }

  private void sendHostileRequests(long seed, String replay) throws Exception {
    HostileRequests requests = new HostileRequests(server, client, signer);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    List<Future<HostileRequests.Answer>> answers = new ArrayList<>();
    for (int index = 0; index < CASES; index++) {
      Random random = new Random(seed + index * 0x9E3779B97F4A7C15L);
      int caseIndex = index;
      answers.add(callers.submit(() -> requests.send(caseIndex, random)));
    }
    List<String> failures = new ArrayList<>();
    Map<HostileRequests.Kind, Integer> counts = new EnumMap<>(HostileRequests.Kind.class);
    for (Future<HostileRequests.Answer> future : answers) {
      HostileRequests.Answer answer = future.get();
      counts.merge(answer.kind(), 1, Integer::sum);
      if (!answer.expected().contains(answer.status()) || !CONTRACT_4XX.contains(answer.status())) {
        failures.add(answer.toString());
      }
    }
    callers.shutdown();

    assertThat(failures).as(replay).isEmpty();
    assertThat(counts.keySet()).as(replay).containsExactlyInAnyOrder(HostileRequests.Kind.values());
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(5_000);
    assertThat(dispatched).as(replay + ": no bad request may reach the listener").isEmpty();

    assertThat(server.isRunning()).isTrue();
    byte[] valid = HostileRequests.validBody(42).getBytes(StandardCharsets.US_ASCII);
    assertThat(requests.sendSigned(valid)).as(replay).isEqualTo(200);
    assertThat(dispatched).hasSize(1);
  }

  /**
   * A refused body is left unread; closing the connection over unread bytes makes TCP send a reset that
   * can destroy the answer before the client reads it. The filter drains a bounded part, so every client
   * sees its 413.
   */
  @Test
  void answersEveryOversizeBodyWith413RatherThanAConnectionReset() throws Exception {
    byte[] body = new byte[MAX_BODY_BYTES + 64 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');
    List<Integer> statuses = new ArrayList<>();
    for (int call = 0; call < 100; call++) {
      statuses.add(client.send(
          java.net.http.HttpRequest.newBuilder(server.uri(HostileRequests.UNSIGNED))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    assertThat(statuses).containsOnly(413);
  }
}
