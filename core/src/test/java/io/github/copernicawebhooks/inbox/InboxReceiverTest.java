package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The inbox through the receiver, on every database: store before answering, then handle on a worker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxReceiverTest {

  record Delivery(WebhookEvent event, WebhookRequest request) {}

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void storesAVerifiedCallBeforeAnswering200AndHandsItToTheListenerWithItsRowIdAsDeliveryId(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      List<Delivery> deliveries = new CopyOnWriteArrayList<>();
      WebhookReceiver receiver = harness.receiver((WebhookListener) new Recorder(deliveries));

      WebhookRequest call = Harness.signed(Harness.profileUpdate(4711));
      WebhookOutcome outcome = receiver.receive(call);

      assertThat(outcome.status()).isEqualTo(200);
      assertThat(outcome.kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      Await.until("the worker handled the row", () -> harness.rows(InboxStatus.HANDLED) == 1);
      assertThat(deliveries).hasSize(1);
      Delivery delivery = deliveries.get(0);
      ProfileUpdated update = (ProfileUpdated) delivery.event();
      assertThat(update.profileId()).isEqualTo(4711);
      long id = harness.database().number("SELECT id FROM copernica_webhooks_inbox");
      assertThat(delivery.request().deliveryId()).contains(Long.toString(id));
      assertThat(delivery.request().target()).isEqualTo("/webhooks/copernica");
      assertThat(delivery.request().header("X-Copernica-ID")).contains(Harness.SIGNER.accountId());
      assertThat(delivery.request().header("Cookie")).as("headers that do not matter are not stored").isEmpty();
      assertThat(delivery.request().remoteAddress()).contains("192.0.2.7");
      assertThat(new String(delivery.request().body(), StandardCharsets.UTF_8)).isEqualTo(Harness.profileUpdate(4711));

      InboxEntry entry = receiver.inbox().orElseThrow().find(id).orElseThrow();
      assertThat(entry.summary().eventType()).isEqualTo("ProfileUpdated");
      assertThat(entry.summary().profileId()).hasValue(4711);
      assertThat(entry.summary().databaseId()).hasValue(12);
      assertThat(entry.summary().status()).isEqualTo(InboxStatus.HANDLED);
      assertThat(entry.summary().attempts()).isEqualTo(1);
      assertThat(entry.summary().nextAttemptAt()).isEmpty();
      assertThat(entry.method()).isEqualTo("POST");
      assertThat(entry.headers()).containsKeys("content-type", "date", "digest", "signature", "x-nonce", "host")
          .doesNotContainKey("cookie");
      assertThat(entry.nonce()).isEqualTo(call.header("X-Nonce"));
      assertThat(entry.bodySha256()).hasSize(64);
      assertThat(entry.attempts()).singleElement().satisfies(attempt -> {
        assertThat(attempt.number()).isEqualTo(1);
        assertThat(attempt.succeeded()).isTrue();
        assertThat(attempt.error()).isEmpty();
      });
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void storesNothingForCallsThatFailVerificationOrParsing(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(event -> {});
      WebhookRequest tampered = Harness.signed(Harness.profileUpdate(1)).toBuilder()
          .body(Harness.profileUpdate(2).getBytes(StandardCharsets.UTF_8)).build();
      WebhookRequest malformed = Harness.signed("type=update&profile=12ab" + Harness.TIMESTAMP);

      assertThat(receiver.receive(tampered).status()).isEqualTo(401);
      assertThat(receiver.receive(malformed).status()).isEqualTo(400);

      assertThat(harness.rows()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void answersADuplicateBody200WithoutStoringItAgainEvenWhileTheFirstCopyIsBeingHandled(TestDatabase.Kind kind)
      throws InterruptedException {
    try (Harness harness = new Harness(kind)) {
      CountDownLatch handling = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<WebhookEvent> handled = new CopyOnWriteArrayList<>();
      WebhookReceiver receiver = harness.receiver(event -> {
        handling.countDown();
        release.await();
        handled.add(event);
      });

      assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(7))).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      assertThat(handling.await(30, TimeUnit.SECONDS)).isTrue();
      WebhookOutcome resent = receiver.receive(Harness.signed(Harness.profileUpdate(7)));
      release.countDown();

      assertThat(resent.status()).isEqualTo(200);
      assertThat(resent.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);
      Await.until("the first copy is handled", () -> harness.rows(InboxStatus.HANDLED) == 1);
      assertThat(harness.rows()).isEqualTo(1);
      assertThat(handled).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void refusesAReplayedCallWith401OnEveryInstanceThatSharesTheTable(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver first = harness.receiver(event -> {});
      WebhookReceiver second = harness.receiver(event -> {}, settings -> settings.instanceId("second"));
      WebhookRequest call = Harness.signed(Harness.profileUpdate(8));

      WebhookOutcome stored = first.receive(call);
      WebhookOutcome replayedHere = first.receive(call);
      WebhookOutcome replayedThere = second.receive(call);

      assertThat(stored.kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      for (WebhookOutcome replay : List.of(replayedHere, replayedThere)) {
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.message()).isEqualTo("signature verification failed");
        assertThat(replay.failure().orElseThrow().reason()).isEqualTo(WebhookException.Reason.REPLAYED);
      }
      assertThat(harness.rows()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void twoInstancesStoreOneOfManyConcurrentCopiesOfABodyAndHandleItOnce(TestDatabase.Kind kind) throws Exception {
    try (Harness harness = new Harness(kind)) {
      AtomicInteger handled = new AtomicInteger();
      WebhookReceiver first = harness.receiver(event -> handled.incrementAndGet());
      WebhookReceiver second = harness.receiver(event -> handled.incrementAndGet(), s -> s.instanceId("second"));
      List<WebhookRequest> copies = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        copies.add(Harness.signed(Harness.profileUpdate(9)));
      }
      ExecutorService senders = Executors.newFixedThreadPool(8);
      List<Future<WebhookOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < copies.size(); i++) {
        WebhookReceiver receiver = i % 2 == 0 ? first : second;
        WebhookRequest copy = copies.get(i);
        outcomes.add(senders.submit(() -> receiver.receive(copy)));
      }
      List<WebhookOutcome.Kind> kinds = new ArrayList<>();
      for (Future<WebhookOutcome> outcome : outcomes) {
        WebhookOutcome answered = outcome.get(30, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(200);
        kinds.add(answered.kind());
      }
      senders.shutdown();

      assertThat(kinds).containsOnly(WebhookOutcome.Kind.STORED, WebhookOutcome.Kind.DUPLICATE);
      assertThat(kinds).filteredOn(k -> k == WebhookOutcome.Kind.STORED).hasSize(1);
      Await.until("the one row is handled", () -> harness.rows(InboxStatus.HANDLED) == 1);
      assertThat(harness.rows()).isEqualTo(1);
      assertThat(handled).hasValue(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void retriesAFailingHandlerWithGrowingDelaysAndRecordsEveryAttempt(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      AtomicInteger calls = new AtomicInteger();
      WebhookReceiver receiver = harness.receiver(event -> {
        if (calls.incrementAndGet() <= 2) {
          throw new IllegalStateException("downstream unavailable, call " + calls.get());
        }
      }, settings -> settings.retryInitialDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofSeconds(1)));

      receiver.receive(Harness.signed(Harness.profileUpdate(10)));

      Await.until("the third attempt succeeds", () -> harness.rows(InboxStatus.HANDLED) == 1);
      long id = harness.database().number("SELECT id FROM copernica_webhooks_inbox");
      InboxEntry entry = receiver.inbox().orElseThrow().find(id).orElseThrow();
      assertThat(entry.summary().attempts()).isEqualTo(3);
      assertThat(entry.summary().lastError()).contains("java.lang.IllegalStateException: downstream unavailable, call 2");
      List<InboxAttempt> attempts = entry.attempts();
      assertThat(attempts).extracting(InboxAttempt::number).containsExactly(1, 2, 3);
      assertThat(attempts).extracting(InboxAttempt::succeeded).containsExactly(false, false, true);
      assertThat(attempts.get(0).error()).contains("java.lang.IllegalStateException: downstream unavailable, call 1");
      assertThat(attempts.get(0).stackTrace().orElseThrow()).contains("at io.github.copernicawebhooks.inbox.InboxReceiverTest");
      assertThat(attempts.get(2).error()).isEmpty();
      assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.instanceId()).isNotBlank());
      assertThat(Duration.between(attempts.get(0).endedAt(), attempts.get(1).startedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(100));
      assertThat(Duration.between(attempts.get(1).endedAt(), attempts.get(2).startedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void keepsAnEventDeadAfterItsLastAttemptUntilAPersonRetriesIt(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      AtomicBoolean failing = new AtomicBoolean(true);
      AtomicInteger calls = new AtomicInteger();
      WebhookReceiver receiver = harness.receiver(event -> {
        calls.incrementAndGet();
        if (failing.get()) {
          throw new java.io.IOException("always down");
        }
      }, settings -> settings.maxAttempts(3));
      InboxOperations inbox = receiver.inbox().orElseThrow();

      receiver.receive(Harness.signed(Harness.profileUpdate(11)));
      Await.until("the event is dead", () -> harness.rows(InboxStatus.DEAD) == 1);
      long id = harness.database().number("SELECT id FROM copernica_webhooks_inbox");
      InboxSummary dead = inbox.find(id).orElseThrow().summary();
      assertThat(dead.attempts()).isEqualTo(3);
      assertThat(dead.nextAttemptAt()).isEmpty();
      assertThat(dead.lastError()).contains("java.io.IOException: always down");
      assertThat(inbox.redeliver(id)).as("only handled events are redelivered").isFalse();
      assertThat(calls).hasValue(3);

      failing.set(false);
      assertThat(inbox.retryNow(id)).isTrue();
      Await.until("the retried event is handled", () -> harness.rows(InboxStatus.HANDLED) == 1);
      assertThat(inbox.find(id).orElseThrow().summary().attempts()).isEqualTo(4);
      assertThat(inbox.retryNow(id)).as("a handled event is not retried").isFalse();
      assertThat(inbox.redeliver(id)).isTrue();
      Await.until("the redelivered event is handled again", () -> calls.get() == 5);
      Await.until("it is handled", () -> harness.rows(InboxStatus.HANDLED) == 1);
      assertThat(inbox.find(id).orElseThrow().attempts()).hasSize(5);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void listsCountsAndPurgesStoredEventsByStatusTypeIdsAndTime(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(event -> {}, settings -> settings.workers(0));
      InboxOperations inbox = receiver.inbox().orElseThrow();
      Instant before = Instant.now().minusSeconds(1);
      for (int i = 1; i <= 5; i++) {
        receiver.receive(Harness.signed(Harness.profileUpdate(100 + i)));
      }
      receiver.receive(Harness.signed(Harness.subprofileUpdate(200)));
      receiver.receive(Harness.signed(Harness.emailOpened("msg-1")));

      InboxPage all = inbox.list(InboxQuery.all());
      assertThat(all.total()).isEqualTo(7);
      assertThat(all.entries()).extracting(InboxSummary::eventType)
          .containsExactly("EmailOpened", "SubprofileUpdated", "ProfileUpdated", "ProfileUpdated", "ProfileUpdated",
              "ProfileUpdated", "ProfileUpdated");
      assertThat(all.entries()).allSatisfy(summary -> {
        assertThat(summary.status()).isEqualTo(InboxStatus.PENDING);
        assertThat(summary.nextAttemptAt()).isPresent();
      });
      InboxPage page = inbox.list(InboxQuery.all().withEventType("ProfileUpdated").withOffset(1).withLimit(2));
      assertThat(page.total()).isEqualTo(5);
      assertThat(page.entries()).extracting(summary -> summary.profileId().getAsLong()).containsExactly(104L, 103L);
      InboxSummary subprofile = inbox.list(InboxQuery.all().withId(200)).entries().get(0);
      assertThat(subprofile.subprofileId()).hasValue(200);
      assertThat(subprofile.profileId()).hasValue(3);
      assertThat(subprofile.collectionId()).hasValue(7);
      assertThat(inbox.list(InboxQuery.all().withId(7)).entries()).extracting(InboxSummary::eventType)
          .containsExactly("SubprofileUpdated");
      assertThat(inbox.list(InboxQuery.all().withId(12)).total()).as("database 12").isEqualTo(6);
      assertThat(inbox.list(InboxQuery.all().withMessageId("msg-1")).entries()).singleElement()
          .satisfies(email -> assertThat(email.profileId()).hasValue(5));
      assertThat(inbox.list(InboxQuery.all().withFrom(before).withTo(Instant.now().plusSeconds(1))).total()).isEqualTo(7);
      assertThat(inbox.list(InboxQuery.all().withTo(before)).total()).isZero();
      assertThat(inbox.list(InboxQuery.all().withStatuses(InboxStatus.DEAD, InboxStatus.HANDLED)).total()).isZero();
      Map<InboxStatus, Long> counts = inbox.countByStatus(Optional.empty());
      assertThat(counts).containsEntry(InboxStatus.PENDING, 7L).containsEntry(InboxStatus.DEAD, 0L).hasSize(5);
      assertThat(inbox.countByStatus(Optional.of(Instant.now().plusSeconds(60))).get(InboxStatus.PENDING)).isZero();
      assertThat(inbox.find(-5)).isEmpty();

      assertThat(inbox.purge(InboxQuery.all().withEventType("ProfileUpdated").withLimit(1))).isEqualTo(5);
      assertThat(inbox.list(InboxQuery.all()).total()).isEqualTo(2);
      assertThat(inbox.purge(InboxQuery.all())).isEqualTo(2);
      assertThat(inbox.list(InboxQuery.all()).total()).isZero();
      assertThat(inbox.countByStatus(Optional.empty()).values()).containsOnly(0L);
      assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE OCTET_LENGTH(body) > 0"))
          .as("only the keys are kept, within the de-duplication window").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void deletesHandledEventsPastRetentionWithTheirAttemptsAndKeepsDeadOnes(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      AtomicBoolean handledFirst = new AtomicBoolean();
      MutableClock clock = new MutableClock();
      WebhookReceiver receiver = harness.receiver(event -> {
        if (((ProfileUpdated) event).profileId() == 2) {
          throw new IllegalStateException("poison");
        }
        handledFirst.set(true);
      }, settings -> settings.clock(clock).maxAttempts(1).retention(Duration.ofSeconds(1)));

      receiver.receive(Harness.signed(Harness.profileUpdate(1)));
      receiver.receive(Harness.signed(Harness.profileUpdate(2)));

      Await.until("the first event is handled", handledFirst::get);
      Await.until("the second event is dead", () -> harness.rows(InboxStatus.DEAD) == 1);
      clock.advance(InboxSettings.DEFAULT_DEDUPLICATION_WINDOW.plusMinutes(1)); // its keys are needed no more
      Await.until("the handled event is deleted after its retention",
          () -> harness.rows() == 1 && harness.rows(InboxStatus.DEAD) == 1);
      assertThat(harness.rows(InboxStatus.HANDLED)).isZero();
      assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt"))
          .as("the handled event's attempt went with it").isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void storesABodyAndANonceAgainOnceTheirWindowsHavePassed(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      MutableClock clock = new MutableClock();
      WebhookReceiver receiver = harness.receiver(event -> {},
          settings -> settings.clock(clock).deduplicationWindow(Duration.ofMinutes(1)).workers(0));
      WebhookRequest call = Harness.signed(Harness.profileUpdate(12));

      assertThat(receiver.receive(call).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(12))).kind())
          .isEqualTo(WebhookOutcome.Kind.DUPLICATE);
      assertThat(receiver.receive(call).status()).isEqualTo(401);
      clock.advance(Duration.ofMinutes(6)); // past the de-duplication window and the Date tolerance (5 minutes)

      assertThat(receiver.receive(call).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      assertThat(harness.rows()).isEqualTo(2);
      assertThat(harness.database().number(
          "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE dedup_key IS NULL AND nonce_key IS NULL"))
          .as("the first row's expired keys were cleared").isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void refusesToStartWithoutItsTablesNamingTheTableAndTheScript(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      InboxSettings settings = harness.settings().schemaInitialization(SchemaInitialization.NEVER).build();

      assertThatThrownBy(() -> harness.receiver(event -> {}, settings, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("copernica_webhooks_inbox does not exist")
          .hasMessageContaining(InboxSchema.resource(harness.database().scriptName()))
          .hasMessageContaining("SchemaInitialization.ALWAYS");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void keepsTwoInboxesWithOtherTablePrefixesApartInOneDatabase(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver billing = harness.receiver(event -> {}, settings -> settings.tablePrefix("billing_").workers(0));
      WebhookReceiver shop = harness.receiver(event -> {}, settings -> settings.tablePrefix("shop_").workers(0));

      billing.receive(Harness.signed(Harness.profileUpdate(13)));
      shop.receive(Harness.signed(Harness.profileUpdate(13)));
      shop.receive(Harness.signed(Harness.profileUpdate(14)));

      assertThat(harness.database().number("SELECT COUNT(*) FROM billing_inbox")).isEqualTo(1);
      assertThat(harness.database().number("SELECT COUNT(*) FROM shop_inbox")).isEqualTo(2);
      assertThat(billing.inbox().orElseThrow().list(InboxQuery.all()).total()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anInstanceWithoutWorkersStoresAndAnotherHandles(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      List<Long> handled = new CopyOnWriteArrayList<>();
      WebhookReceiver front = harness.receiver(event -> handled.add(-1L), settings -> settings.workers(0));
      for (int i = 1; i <= 20; i++) {
        assertThat(front.receive(Harness.signed(Harness.profileUpdate(i))).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      }
      assertThat(harness.rows(InboxStatus.PENDING)).isEqualTo(20);

      harness.receiver(event -> handled.add(((ProfileUpdated) event).profileId()), settings -> settings.instanceId("back"));

      Await.until("the other instance handled every row", () -> harness.rows(InboxStatus.HANDLED) == 20);
      assertThat(handled).hasSize(20).doesNotContain(-1L).doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void closingGivesBackClaimedRowsSoThatAnotherInstanceHandlesThemAtOnce(TestDatabase.Kind kind) throws Exception {
    try (Harness harness = new Harness(kind)) {
      CountDownLatch stuck = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      WebhookReceiver closing = harness.receiver(event -> {
        started.countDown();
        stuck.await();
      }, harness.settings().workers(1).lease(Duration.ofMinutes(10)).build(), Duration.ofMillis(300));
      for (int i = 1; i <= 5; i++) {
        closing.receive(Harness.signed(Harness.profileUpdate(i)));
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      Await.until("the instance claimed all five", () -> harness.rows(InboxStatus.IN_PROGRESS) == 5);

      closing.close();
      stuck.countDown();

      assertThat(harness.rows(InboxStatus.IN_PROGRESS)).as("nothing waits for a 10-minute lease").isZero();
      assertThat(harness.database().number("SELECT SUM(attempts) FROM copernica_webhooks_inbox"))
          .as("given-back claims are not counted as attempts").isZero();
      List<Long> handled = new CopyOnWriteArrayList<>();
      harness.receiver(event -> handled.add(((ProfileUpdated) event).profileId()), s -> s.instanceId("next"));
      Await.until("the next instance handled all five", () -> harness.rows(InboxStatus.HANDLED) == 5);
      assertThat(handled).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = "H2")
  void refusesTheInboxTogetherWithAsyncOrInMemoryDeduplication(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      InboxSettings settings = harness.settings().build();
      assertThatThrownBy(() -> WebhookReceiver.builder().signatureOff().listener(event -> {}).inbox(settings)
          .async(1, 1).build()).hasMessageContaining("inbox(...) and async(...)");
      assertThatThrownBy(() -> WebhookReceiver.builder().signatureOff().listener(event -> {}).inbox(settings)
          .deduplicate(EventDeduplicator.inMemory()).build()).hasMessageContaining("inbox(...) and deduplicate(...)");
    }
  }

  /** Records deliveries; a class, so that it overrides the two-argument method. */
  static final class Recorder implements WebhookListener {
    private final List<Delivery> deliveries;

    Recorder(List<Delivery> deliveries) {
      this.deliveries = deliveries;
    }

    @Override
    public void onEvent(WebhookEvent event) {
      throw new AssertionError("the receiver calls onEvent(event, request)");
    }

    @Override
    public void onEvent(WebhookEvent event, WebhookRequest request) {
      deliveries.add(new Delivery(event, request));
    }
  }
}
