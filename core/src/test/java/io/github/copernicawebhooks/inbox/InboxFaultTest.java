package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The inbox when its database goes away: at receive time, while workers run, and under a frozen instance. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxFaultTest {

  private final List<WebhookReceiver> receivers = new ArrayList<>();
  private static final java.nio.file.Path SPOOL = Spools.createDirectory();

  private WebhookReceiver receiver(DataSource dataSource, io.github.copernicawebhooks.WebhookListener listener,
      InboxSettings.Builder settings) {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(Harness.verifier())
        .listener(listener)
        .shutdownTimeout(Duration.ofSeconds(10))
        .inbox(settings.build())
        .build();
    receivers.add(receiver);
    return receiver;
  }

  private static InboxSettings.Builder settings(DataSource dataSource) {
    return InboxSettings.builder(dataSource)
        .schemaInitialization(SchemaInitialization.ALWAYS)
        .spoolDirectory(SPOOL)
        .pollInterval(Duration.ofMillis(50))
        .retryInitialDelay(Duration.ofMillis(20))
        .retryMaxDelay(Duration.ofMillis(200));
  }

  @org.junit.jupiter.api.AfterEach
  void closeReceivers() {
    receivers.forEach(WebhookReceiver::close);
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void withoutTheSpoolAnswers503WithRetryAfterWhileTheDatabaseIsDownAndStoresTheSameCallOnceItIsBack(
      TestDatabase.Kind kind) {
    try (ProxiedDatabase database = ProxiedDatabase.create(kind)) {
      Set<Long> handled = ConcurrentHashMap.newKeySet();
      WebhookReceiver receiver = receiver(database.proxied(),
          event -> handled.add(((ProfileUpdated) event).profileId()), settings(database.proxied()).spool(false));
      assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(1))).kind())
          .isEqualTo(WebhookOutcome.Kind.STORED);
      WebhookRequest call = Harness.signed(Harness.profileUpdate(2));

      database.proxy().cut();
      WebhookOutcome down = receiver.receive(call);
      database.proxy().restore();
      WebhookOutcome back = receiver.receive(call);

      assertThat(down.status()).isEqualTo(503);
      assertThat(down.kind()).isEqualTo(WebhookOutcome.Kind.STORE_UNAVAILABLE);
      assertThat(down.headers()).containsEntry("Retry-After", "5");
      assertThat(down.message()).isEqualTo("inbox unavailable, try again later");
      assertThat(back.kind()).as("the call answered 503 was not stored, so its nonce is unused")
          .isEqualTo(WebhookOutcome.Kind.STORED);
      Await.until("both events are handled and marked so", () -> handled.size() == 2 && count(database.direct(),
          "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status = 'HANDLED'") == 2);
      assertThat(count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox")).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void keepsTheRowsWhenTheDatabaseGoesDownUnderRunningWorkersAndFinishesThemWhenItReturns(TestDatabase.Kind kind)
      throws InterruptedException {
    try (ProxiedDatabase database = ProxiedDatabase.create(kind)) {
      WebhookReceiver front = receiver(database.direct(), event -> {}, settings(database.direct()).workers(0));
      for (int i = 1; i <= 60; i++) {
        assertThat(front.receive(Harness.signed(Harness.profileUpdate(i))).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      }
      List<Long> handled = new CopyOnWriteArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      CountDownLatch wentDown = new CountDownLatch(1);
      receiver(database.proxied(), event -> {
        long profile = ((ProfileUpdated) event).profileId();
        if (calls.incrementAndGet() == 10) {
          database.proxy().cut(); // the database goes away in the middle of the batch
          wentDown.countDown();
        }
        if (profile % 7 == 0 && handled.stream().noneMatch(p -> p == -profile)) {
          handled.add(-profile);
          throw new IllegalStateException("first attempt of " + profile + " fails");
        }
        handled.add(profile);
      }, settings(database.proxied()).instanceId("worker").lease(Duration.ofSeconds(30)));

      assertThat(wentDown.await(30, TimeUnit.SECONDS)).isTrue();
      Await.until("rows wait while the database is away",
          () -> count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status <> 'HANDLED'") > 0);
      database.proxy().restore();

      Await.until("every row is handled after the database returned",
          () -> count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status = 'HANDLED'") == 60);
      for (long profile = 1; profile <= 60; profile++) {
        assertThat(handled).as("profile " + profile).contains(profile);
      }
      assertThat(count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt WHERE succeeded = "
          + (kind == TestDatabase.Kind.H2 ? "TRUE" : "true"))).isEqualTo(60);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void anotherInstanceTakesOverTheRowOfAFrozenOneAfterItsLeaseAndTheLateResultChangesNothing(
      TestDatabase.Kind kind) throws Exception {
    try (ProxiedDatabase database = ProxiedDatabase.create(kind)) {
      CountDownLatch frozen = new CountDownLatch(1);
      CountDownLatch thaw = new CountDownLatch(1);
      List<String> frozenDeliveries = new CopyOnWriteArrayList<>();
      WebhookReceiver stuck = receiver(database.proxied(), new io.github.copernicawebhooks.WebhookListener() {
        @Override
        public void onEvent(io.github.copernicawebhooks.event.WebhookEvent event) {}

        @Override
        public void onEvent(io.github.copernicawebhooks.event.WebhookEvent event, WebhookRequest request)
            throws InterruptedException {
          frozenDeliveries.add(request.deliveryId().orElseThrow());
          frozen.countDown();
          thaw.await();
          throw new IllegalStateException("a late failure that must not reopen the row");
        }
      }, settings(database.proxied()).instanceId("frozen").workers(1).lease(Duration.ofSeconds(1)));
      stuck.receive(Harness.signed(Harness.profileUpdate(1)));
      assertThat(frozen.await(30, TimeUnit.SECONDS)).isTrue();
      database.proxy().cut(); // frozen: its handler hangs and its heartbeats no longer reach the database

      List<String> takeovers = new CopyOnWriteArrayList<>();
      receiver(database.direct(), new io.github.copernicawebhooks.WebhookListener() {
        @Override
        public void onEvent(io.github.copernicawebhooks.event.WebhookEvent event) {}

        @Override
        public void onEvent(io.github.copernicawebhooks.event.WebhookEvent event, WebhookRequest request) {
          takeovers.add(request.deliveryId().orElseThrow());
        }
      }, settings(database.direct()).instanceId("healthy").lease(Duration.ofSeconds(1)));

      Await.until("the healthy instance handled the row after the lease", () -> count(database.direct(),
          "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status = 'HANDLED'") == 1);
      database.proxy().restore();
      thaw.countDown();
      stuck.close(); // writes the frozen handler's late failure back, conditionally on its old claim

      assertThat(takeovers).isEqualTo(frozenDeliveries);
      assertThat(count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status = 'HANDLED'"
          + " AND attempts = 2 AND lease_owner IS NULL AND last_error IS NULL")).isEqualTo(1);
      assertThat(count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt")).isEqualTo(1);
      assertThat(count(database.direct(), "SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt WHERE"
          + " instance_id = 'healthy' AND attempt_number = 2")).isEqualTo(1);
    }
  }

  private static long count(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
