package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inbox's local spool on real PostgreSQL behind a relay that cuts the database or makes it hang: calls
 * are answered 200 from the spool and handled once the database is back, an instance starts while its
 * database is away, and only a full spool answers 503.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxSpoolTest {

  private final Path spoolDirectory = Spools.createDirectory();
  private final List<WebhookReceiver> receivers = new ArrayList<>();
  private final ProxiedDatabase database = ProxiedDatabase.create(TestDatabase.Kind.POSTGRESQL);
  private final Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    receivers.forEach(WebhookReceiver::close);
    database.close();
    Spools.delete(spoolDirectory);
  }

  private WebhookReceiver receiver(UnaryOperator<InboxSettings.Builder> settings) {
    return receiver(this::count, settings);
  }

  private WebhookReceiver receiver(WebhookListener listener, UnaryOperator<InboxSettings.Builder> settings) {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(Harness.verifier())
        .listener(listener)
        .shutdownTimeout(Duration.ofSeconds(5))
        .inbox(settings.apply(InboxSettings.builder(database.proxied())
            .schemaInitialization(SchemaInitialization.ALWAYS)
            .spoolDirectory(spoolDirectory)
            .pollInterval(Duration.ofMillis(50))
            .retryInitialDelay(Duration.ofMillis(20))
            .retryMaxDelay(Duration.ofMillis(200))).build())
        .build();
    receivers.add(receiver);
    return receiver;
  }

  private void count(WebhookEvent event) {
    handled.computeIfAbsent(((ProfileUpdated) event).profileId(), profile -> new AtomicInteger()).incrementAndGet();
  }

  @Test
  void answersEveryCallDuringATenSecondOutageOnTwoInstancesAndHandlesEachOnceAfterwards() throws Exception {
    WebhookReceiver[] instances = {receiver(s -> s.instanceId("a")), receiver(s -> s.instanceId("b"))};
    OutageLoad load = new OutageLoad(instances);
    load.run(Duration.ofSeconds(1));
    database.proxy().cut();
    long cutAt = System.nanoTime();
    load.run(Duration.ofSeconds(5));
    WebhookRequest replayed = Harness.signed(Harness.profileUpdate(1_000_001));
    String duplicated = Harness.profileUpdate(1_000_002);
    List<WebhookOutcome> repeated = new ArrayList<>();
    for (WebhookReceiver instance : instances) {
      repeated.add(instance.receive(replayed));
      repeated.add(instance.receive(Harness.signed(duplicated)));
    }
    load.run(Duration.ofSeconds(10).minusNanos(System.nanoTime() - cutAt));
    long outage = System.nanoTime() - cutAt;
    database.proxy().restore();
    load.run(Duration.ofSeconds(2));

    assertThat(repeated).allSatisfy(outcome -> assertThat(outcome.kind()).isEqualTo(WebhookOutcome.Kind.SPOOLED));
    assertThat(load.refused()).as("calls not answered 2xx").isZero();
    Await.until("every call answered 2xx is handled", Duration.ofSeconds(60),
        () -> load.profiles().stream().allMatch(handled::containsKey) && handled.containsKey(1_000_001L)
            && handled.containsKey(1_000_002L), () -> "handled " + handled.size() + " of " + (load.sent() + 2));
    Await.until("both spools are drained", () -> instances[0].inbox().orElseThrow().state().spoolPending() == 0
        && instances[1].inbox().orElseThrow().state().spoolPending() == 0);
    assertThat(handled.values()).as("each call handled once").allSatisfy(times -> assertThat(times).hasValue(1));
    assertThat(rows("SELECT COUNT(*) FROM copernica_webhooks_inbox")).isEqualTo(load.sent() + 2L);
    InboxState a = instances[0].inbox().orElseThrow().state();
    InboxState b = instances[1].inbox().orElseThrow().state();
    assertThat(a.spooled() + b.spooled()).isEqualTo(load.spooled() + repeated.size());
    System.out.printf("InboxSpoolTest outage of %d ms on 2 instances: %s; spooled a=%d b=%d, drained a=%d b=%d,"
        + " handled %d distinct events (replay and duplicate sent to both during the outage: handled once each);"
        + " slowest answer during the outage %d ms%n", outage / 1_000_000, load, a.spooled(), b.spooled(),
        a.drained(), b.drained(), handled.size(), load.slowestMillis());
  }

  @Test
  void startsWhileTheDatabaseIsAwayReportsDownAndHandlesTheSpooledCallsOnceItIsBack() {
    database.proxy().cut();
    WebhookReceiver receiver = receiver(s -> s);
    InboxOperations inbox = receiver.inbox().orElseThrow();

    WebhookOutcome outcome = receiver.receive(Harness.signed(Harness.profileUpdate(1)));

    assertThat(outcome.kind()).isEqualTo(WebhookOutcome.Kind.SPOOLED);
    assertThat(outcome.status()).isEqualTo(200);
    assertThat(inbox.state().schemaChecked()).isFalse();
    assertThat(inbox.state().isUp()).isFalse();
    assertThatThrownBy(() -> inbox.countByStatus(java.util.Optional.empty()))
        .isInstanceOfSatisfying(WebhookException.class,
            failure -> assertThat(failure.reason()).isEqualTo(WebhookException.Reason.STORE_UNAVAILABLE));
    database.proxy().restore();
    Await.until("the schema is checked in the background", () -> inbox.state().isUp());
    Await.until("the spooled call is handled", () -> handled.containsKey(1L)
        && inbox.countByStatus(java.util.Optional.empty()).get(InboxStatus.HANDLED) == 1L);
  }

  @Test
  void holdsTheTimeBudgetWhenTheDatabaseHangsAndHandlesEachCallOnceAfterwards() {
    WebhookReceiver receiver = receiver(s -> s.databaseTimeBudget(Duration.ofMillis(500)));
    assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(1))).kind())
        .isEqualTo(WebhookOutcome.Kind.STORED);
    Await.until("the first call is handled", () -> handled.containsKey(1L));
    database.proxy().blackHole();
    long slowest = 0;
    for (int profile = 2; profile <= 7; profile++) {
      long started = System.nanoTime();
      WebhookOutcome outcome = receiver.receive(Harness.signed(Harness.profileUpdate(profile)));
      slowest = Math.max(slowest, System.nanoTime() - started);
      assertThat(outcome.kind()).as("profile " + profile).isEqualTo(WebhookOutcome.Kind.SPOOLED);
    }
    database.proxy().restore();

    assertThat(Duration.ofNanos(slowest)).as("budget of 500 ms and a margin").isLessThan(Duration.ofMillis(1500));
    Await.until("every call is handled", () -> handled.size() == 7);
    Await.until("the spool is drained", () -> receiver.inbox().orElseThrow().state().spoolPending() == 0);
    assertThat(rows("SELECT COUNT(*) FROM copernica_webhooks_inbox"))
        .as("an abandoned insert that committed later and its spooled copy are one row").isEqualTo(7);
    assertThat(handled.values()).allSatisfy(times -> assertThat(times).hasValue(1));
  }

  @Test
  void answers503OnlyWhenTheSpoolIsFull() {
    WebhookReceiver receiver = receiver(s -> s.spoolQuotaBytes(1L << 20));
    database.proxy().cut();
    String padding = "&fields%5Bnote%5D=" + "x".repeat(200_000);
    int spooled = 0;
    WebhookOutcome outcome = receiver.receive(Harness.signed(Harness.profileUpdate(1) + padding));
    while (outcome.kind() == WebhookOutcome.Kind.SPOOLED) {
      spooled++;
      outcome = receiver.receive(Harness.signed(Harness.profileUpdate(spooled + 1) + padding));
    }

    assertThat(spooled).isBetween(4, 5);
    assertThat(outcome.status()).isEqualTo(503);
    assertThat(outcome.kind()).isEqualTo(WebhookOutcome.Kind.STORE_UNAVAILABLE);
    assertThat(outcome.headers()).containsKey("Retry-After");
    assertThat(receiver.inbox().orElseThrow().state().refused()).isEqualTo(1);
    database.proxy().restore();
    int accepted = spooled;
    Await.until("the spooled calls are handled", () -> handled.size() == accepted);
  }

  @Test
  void aTornLastRecordFoundAtStartUpIsReportedAndNotApplied() throws Exception {
    database.proxy().cut();
    WebhookReceiver first = receiver(s -> s);
    for (int profile = 1; profile <= 3; profile++) {
      assertThat(first.receive(Harness.signed(Harness.profileUpdate(profile))).kind())
          .isEqualTo(WebhookOutcome.Kind.SPOOLED);
    }
    first.close();
    Path file = Spools.firstFile(spoolDirectory);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(file) - 30); // as if the process died while appending the third call
    }
    database.proxy().restore();

    WebhookReceiver restarted = receiver(s -> s);

    assertThat(restarted.inbox().orElseThrow().state().tornBytes()).isPositive();
    Await.until("the two whole calls are handled", () -> handled.size() == 2);
    Await.until("the spool is drained", () -> restarted.inbox().orElseThrow().state().spoolPending() == 0);
    assertThat(handled).containsOnlyKeys(1L, 2L);
    assertThat(rows("SELECT COUNT(*) FROM copernica_webhooks_inbox")).isEqualTo(2);
  }

  @Test
  void aDuplicateOfACallStillInFlightIsAnswered200AndHandledOnce() throws Exception {
    CountDownLatch handling = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebhookReceiver receiver = receiver(event -> {
      handling.countDown();
      finish.await();
      count(event);
    }, s -> s.workers(1));
    String body = Harness.profileUpdate(1);
    assertThat(receiver.receive(Harness.signed(body)).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
    assertThat(handling.await(30, TimeUnit.SECONDS)).isTrue();

    WebhookOutcome whileHandled = receiver.receive(Harness.signed(body));
    database.proxy().cut();
    String spooledBody = Harness.profileUpdate(2);
    WebhookOutcome first = receiver.receive(Harness.signed(spooledBody));
    WebhookOutcome whileSpooled = receiver.receive(Harness.signed(spooledBody));
    database.proxy().restore();
    finish.countDown();

    assertThat(whileHandled.status()).isEqualTo(200);
    assertThat(whileHandled.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);
    assertThat(first.kind()).isEqualTo(WebhookOutcome.Kind.SPOOLED);
    assertThat(whileSpooled.status()).isEqualTo(200);
    Await.until("both events are handled", () -> handled.size() == 2);
    Await.until("the spool is drained", () -> receiver.inbox().orElseThrow().state().spoolPending() == 0);
    assertThat(rows("SELECT COUNT(*) FROM copernica_webhooks_inbox")).isEqualTo(2);
    assertThat(handled.values()).allSatisfy(times -> assertThat(times).hasValue(1));
  }

  @Test
  void aMissingColumnStillFailsTheStartWithTheSpoolOn() throws SQLException {
    try (Connection connection = database.direct().getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      for (String sql : InboxSchemaTest.statements(InboxSchema.script("postgresql", InboxSettings.DEFAULT_TABLE_PREFIX))) {
        statement.execute(sql);
      }
      statement.execute("ALTER TABLE copernica_webhooks_inbox DROP COLUMN finished_at");
    }

    assertThatThrownBy(() -> receiver(s -> s.schemaInitialization(SchemaInitialization.NEVER)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("copernica_webhooks_inbox does not exist or lacks a column")
        .hasMessageContaining("finished_at");
  }

  private long rows(String sql) {
    DataSource direct = database.direct();
    try (Connection connection = direct.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
