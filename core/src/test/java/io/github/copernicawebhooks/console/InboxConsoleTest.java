package io.github.copernicawebhooks.console;

import static io.github.copernicawebhooks.console.ConsoleFixture.get;
import static io.github.copernicawebhooks.console.ConsoleFixture.json;
import static io.github.copernicawebhooks.console.ConsoleFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The console over a receiver with the inbox on a real H2 database: stored events come from the inbox,
 * refused calls from memory, merged newest first; retry, re-delivery and purge act on the inbox.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InboxConsoleTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final long FAILING_PROFILE = 666;

  private final AtomicBoolean broken = new AtomicBoolean(true);
  private final RecentCalls recent = RecentCalls.create();
  private WebhookReceiver receiver;
  private WebhookConsole console;
  private String token;

  @BeforeEach
  void start() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:console_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid()
        + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(ConsoleFixture.SIGNER.accountId())
            .keyResolver(ConsoleFixture.SIGNER.resolver()).build())
        .listener(event -> {
          if (broken.get() && event instanceof ProfileEvent && ((ProfileEvent) event).profileId() == FAILING_PROFILE) {
            throw new IllegalStateException("the CRM is down");
          }
        })
        .inbox(InboxSettings.builder(h2).schemaInitialization(SchemaInitialization.ALWAYS).workers(1).maxAttempts(2)
            .retryInitialDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofMillis(100))
            .pollInterval(Duration.ofMillis(50)).build())
        .observer(recent)
        .build();
    console = WebhookConsole.builder(receiver).recentCalls(recent).build();
    token = ConsoleFixture.token(console);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void mergesStoredEventsAndRefusedCallsNewestFirstAndPagesAcrossBoth() {
    receiveInTurn();

    JsonNode all = json(console.handle(get("/api/calls")));
    assertThat(all.get("mode").asString()).isEqualTo("inbox");
    assertThat(all.get("total").asLong()).as("three stored, two refused; the stored calls' own records hidden")
        .isEqualTo(5);
    assertThat(outcomes(all)).containsExactly("dead", "refused", "handled", "refused", "handled");
    assertThat(ids(all).get(0)).startsWith("i");
    assertThat(ids(all).get(1)).startsWith("m");
    assertThat(ids(json(console.handle(get("/api/calls", "offset", "1", "limit", "2"))))).isEqualTo(ids(all).subList(1, 3));
    assertThat(ids(json(console.handle(get("/api/calls", "offset", "4", "limit", "2"))))).isEqualTo(ids(all).subList(4, 5));

    assertThat(outcomes(json(console.handle(get("/api/calls", "outcome", "refused"))))).containsExactly("refused", "refused");
    assertThat(outcomes(json(console.handle(get("/api/calls", "outcome", "dead,handled")))))
        .containsExactly("dead", "handled", "handled");
    assertThat(ids(json(console.handle(get("/api/calls", "id", "4711"))))).hasSize(1);
    assertThat(ids(json(console.handle(get("/api/calls", "eventType", "ProfileUpdated"))))).as("refused calls have no event")
        .hasSize(2);

    JsonNode counts = json(console.handle(get("/api/counts"))).get("lastHour");
    assertThat(counts.get("handled").asLong()).isEqualTo(2);
    assertThat(counts.get("dead").asLong()).isEqualTo(1);
    assertThat(counts.get("refused").asLong()).isEqualTo(2);
    assertThat(counts.has("stored")).as("the stored calls are counted by the inbox, not twice").isFalse();
  }

  @Test
  void showsAStoredEventWithItsAttemptsAndRetriesItFromDeadToHandled() {
    receiveInTurn();
    String dead = ids(json(console.handle(get("/api/calls", "outcome", "dead")))).get(0);

    JsonNode detail = json(console.handle(get("/api/calls/" + dead)));
    assertThat(detail.get("call").get("actions").get("retry").asBoolean()).isTrue();
    assertThat(detail.get("request").get("target").asString()).isEqualTo("/webhooks/copernica");
    assertThat(detail.get("body").get("text").asString()).isEqualTo(ConsoleFixture.profileUpdate(FAILING_PROFILE));
    assertThat(detail.get("event").get("profileId").asLong()).isEqualTo(FAILING_PROFILE);
    assertThat(results(detail)).containsOnly("passed");
    assertThat(detail.get("attempts")).hasSize(2).allSatisfy(attempt -> {
      assertThat(attempt.get("succeeded").asBoolean()).isFalse();
      assertThat(attempt.get("error").asString()).isEqualTo("java.lang.IllegalStateException: the CRM is down");
      assertThat(attempt.get("stackTrace").asString()).contains("\tat ");
      assertThat(attempt.get("instance").asString()).isNotBlank();
    });

    broken.set(false);
    ConsoleResponse retried = post("/api/calls/" + dead + "/retry");
    assertThat(retried.status()).isEqualTo(200);
    assertThat(json(retried).get("message").asString()).isEqualTo("Call " + dead + " will be delivered again now");
    waitFor(() -> outcome(dead).equals("handled"));
    JsonNode handled = json(console.handle(get("/api/calls/" + dead)));
    assertThat(handled.get("attempts")).hasSize(3);
    assertThat(handled.get("attempts").get(2).get("succeeded").asBoolean()).isTrue();
    assertThat(handled.get("call").get("actions").get("redeliver").asBoolean()).isTrue();

    assertThat(post("/api/calls/" + dead + "/retry").status()).as("a handled event is not retried").isEqualTo(409);
    assertThat(post("/api/calls/" + dead + "/redeliver").status()).isEqualTo(200);
    waitFor(() -> json(console.handle(get("/api/calls/" + dead))).get("attempts").size() == 4);
    assertThat(console.handle(get("/api/calls/i999")).status()).isEqualTo(404);
  }

  @Test
  void purgeDeletesWhatIsFinalAndKeepsWhatWaits() {
    receiveInTurn();
    JsonNode purged = json(post("/api/purge", "outcome", "handled,refused"));

    assertThat(purged.get("purged").asInt()).isEqualTo(4);
    assertThat(outcomes(json(console.handle(get("/api/calls"))))).containsExactly("dead");
    assertThat(json(post("/api/purge")).get("purged").asInt()).isEqualTo(1);
    assertThat(json(console.handle(get("/api/calls"))).get("total").asLong()).isZero();
  }

  /** Handled, refused, handled, refused, dead: each call after the one before has settled, so times are in order. */
  private void receiveInTurn() {
    assertThat(receiver.receive(ConsoleFixture.SIGNER.sign(ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(4711))))
        .kind()).isEqualTo(Kind.STORED);
    waitFor(() -> count("handled") == 1);
    refuse(1);
    receiver.receive(ConsoleFixture.SIGNER.sign(ConsoleFixture.unsigned(ConsoleFixture.subprofileCreate(81, 7))));
    waitFor(() -> count("handled") == 2);
    refuse(2);
    receiver.receive(ConsoleFixture.SIGNER.sign(ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(FAILING_PROFILE))));
    waitFor(() -> count("dead") == 1);
  }

  /**
   * A call for another account, refused and kept in memory. The inbox dates rows to the millisecond, the
   * memory to the nanosecond: the next call waits for the next millisecond, so the merge has a true order.
   */
  private void refuse(long profile) {
    receiver.receive(ConsoleFixture.SIGNER.withAccountId("account_9999").sign(
        ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(profile))));
    java.time.Instant refusedAt = recent.newestFirst().get(0).answeredAt();
    waitFor(() -> java.time.Instant.now().isAfter(refusedAt.plusMillis(2)));
  }

  private long count(String outcome) {
    return json(console.handle(get("/api/calls", "outcome", outcome))).get("total").asLong();
  }

  private String outcome(String id) {
    return json(console.handle(get("/api/calls/" + id))).get("call").get("outcome").asString();
  }

  private ConsoleResponse post(String path, String... query) {
    return console.handle(request("POST", path, Map.of("Host", "localhost:8080", WebhookConsole.TOKEN_HEADER, token),
        "127.0.0.1", query));
  }

  private static List<String> outcomes(JsonNode page) {
    List<String> outcomes = new ArrayList<>();
    page.get("calls").forEach(call -> outcomes.add(call.get("outcome").asString()));
    return outcomes;
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("calls").forEach(call -> ids.add(call.get("id").asString()));
    return ids;
  }

  private static List<String> results(JsonNode detail) {
    List<String> results = new ArrayList<>();
    detail.get("verification").forEach(step -> results.add(step.get("result").asString()));
    return results;
  }

  static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
