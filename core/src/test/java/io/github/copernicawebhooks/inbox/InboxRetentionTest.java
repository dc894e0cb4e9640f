package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the inbox keeps, and for how long: dead events lose their bodies after their retention, and the
 * de-duplication and nonce keys of a deleted event live on until their windows end.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxRetentionTest {

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void clearsTheBodyAndHeadersOfADeadEventAfterItsRetentionAndKeepsTheRowItsErrorAndAttempts(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      MutableClock clock = new MutableClock();
      WebhookReceiver receiver = harness.receiver(event -> {
        throw new IllegalStateException("always fails");
      }, settings -> settings.clock(clock).maxAttempts(1).retention(Duration.ofSeconds(2)));
      InboxOperations inbox = receiver.inbox().orElseThrow();
      receiver.receive(Harness.signed(Harness.profileUpdate(1)));
      Await.until("the first event is dead", () -> harness.rows(InboxStatus.DEAD) == 1);
      clock.advance(Duration.ofDays(2));
      receiver.receive(Harness.signed(Harness.profileUpdate(2)));
      Await.until("the second event is dead", () -> harness.rows(InboxStatus.DEAD) == 2);
      long first = harness.database().number("SELECT id FROM copernica_webhooks_inbox WHERE profile_id = 1");
      long second = harness.database().number("SELECT id FROM copernica_webhooks_inbox WHERE profile_id = 2");

      clock.advance(InboxSettings.DEFAULT_DEAD_BODY_RETENTION.minusDays(1)); // the first dead for 31 days
      Await.until("the first dead event's body is cleared", () -> inbox.find(first).orElseThrow().body().length == 0);

      InboxEntry dead = inbox.find(first).orElseThrow();
      assertThat(dead.summary().status()).isEqualTo(InboxStatus.DEAD);
      assertThat(dead.summary().lastError()).contains("java.lang.IllegalStateException: always fails");
      assertThat(dead.headers()).isEmpty();
      assertThat(dead.attempts()).hasSize(1);
      assertThat(inbox.retryNow(first)).as("nothing is left to retry").isFalse();
      assertThat(inbox.find(second).orElseThrow().body()).as("dead for 29 days").isNotEmpty();
      assertThat(inbox.retryNow(second)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aPurgedEventStillRefusesItsDuplicateAndItsReplayUntilTheirWindowsEnd(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      MutableClock clock = new MutableClock();
      WebhookReceiver receiver = harness.receiver(event -> {},
          settings -> settings.clock(clock).deduplicationWindow(Duration.ofMinutes(1)).workers(0));
      InboxOperations inbox = receiver.inbox().orElseThrow();
      WebhookRequest call = Harness.signed(Harness.profileUpdate(12));
      assertThat(receiver.receive(call).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      long id = harness.database().number("SELECT id FROM copernica_webhooks_inbox");

      assertThat(inbox.purge(InboxQuery.all())).isEqualTo(1);

      assertThat(inbox.list(InboxQuery.all()).total()).isZero();
      assertThat(inbox.find(id)).isEmpty();
      assertThat(inbox.countByStatus(Optional.empty()).values()).containsOnly(0L);
      assertThat(receiver.receive(call).status()).as("the replayed call").isEqualTo(401);
      assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(12))).kind())
          .isEqualTo(WebhookOutcome.Kind.DUPLICATE);
      assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE headers = ''"
          + " AND OCTET_LENGTH(body) = 0")).as("what is kept of the purged event: its keys").isEqualTo(1);

      clock.advance(Duration.ofMinutes(6)); // past the de-duplication window and the Date tolerance (5 minutes)
      assertThat(receiver.receive(call).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      assertThat(inbox.list(InboxQuery.all()).total()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aHandledEventPastRetentionKeepsOnlyItsKeysUntilItsDeduplicationWindowEnds(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      MutableClock clock = new MutableClock();
      WebhookReceiver receiver = harness.receiver(event -> {},
          settings -> settings.clock(clock).retention(Duration.ofSeconds(1)));
      InboxOperations inbox = receiver.inbox().orElseThrow();
      receiver.receive(Harness.signed(Harness.profileUpdate(1)));
      Await.until("the event is handled", () -> harness.rows(InboxStatus.HANDLED) == 1);

      Await.until("housekeeping purged the handled event past its retention",
          () -> harness.rows(InboxStatus.HANDLED) == 0);
      assertThat(inbox.list(InboxQuery.all()).total()).isZero();
      assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt")).isZero();
      assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(1))).kind())
          .as("within the de-duplication window").isEqualTo(WebhookOutcome.Kind.DUPLICATE);

      clock.advance(InboxSettings.DEFAULT_DEDUPLICATION_WINDOW.plusMinutes(1));
      Await.until("the keys' row is deleted once the window ended", () -> harness.rows() == 0);
    }
  }
}
