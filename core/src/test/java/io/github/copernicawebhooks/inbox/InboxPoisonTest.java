package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ProfileUpdated;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One event must never stop the inbox: not a value the database cannot store, not a result whose write the
 * database refuses, not an {@code Error} from a handler. Profile 1 is the poison in each test; profiles 2 to
 * 101 (or 2 to 11) are the events that must still be handled.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxPoisonTest {

  private static final String NUL_EMAIL = "type=update&profile=1&database=12" + Harness.TIMESTAMP
      + "&fields%5Bemail%5D=a%00b%40example.com";

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void storesAHandlerErrorQuotingANulFromTheBodyEscapedAndHandlesTheNextHundredEvents(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      Set<Long> handled = ConcurrentHashMap.newKeySet();
      WebhookReceiver receiver = harness.receiver(event -> {
        ProfileUpdated update = (ProfileUpdated) event;
        if (update.profileId() == 1) { // as a binding or validation message quotes the value it refused
          throw new IllegalArgumentException("not an email: '" + update.fields().get("email").orElseThrow() + "'");
        }
        handled.add(update.profileId());
      }, settings -> settings.maxAttempts(2));

      assertThat(receiver.receive(Harness.signed(NUL_EMAIL)).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      receiveProfiles(receiver, 2, 101);

      Await.until("the other hundred events are handled and the poison is dead", Await.DEFAULT,
          () -> harness.rows(InboxStatus.HANDLED) == 100 && harness.rows(InboxStatus.DEAD) == 1,
          () -> "(" + handled.size() + " handled, " + harness.rows(InboxStatus.PENDING) + " pending)");
      assertThat(poison(harness, "last_error"))
          .isEqualTo("java.lang.IllegalArgumentException: not an email: 'a\\u0000b@example.com'");
      assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt"
          + " WHERE stack_trace LIKE ? ESCAPE '!'", "%'a\\u0000b@example.com'%"))
          .as("both attempts' stack traces").isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void aStackOverflowErrorEndsTheAttemptAndTheOnlyWorkerGoesOn(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(poisoned(InboxPoisonTest::recurse),
          settings -> settings.workers(1).maxAttempts(2));

      receiveProfiles(receiver, 1, 11);

      awaitRecovery(harness, 10);
      assertThat(poison(harness, "last_error")).isEqualTo("java.lang.StackOverflowError");
      assertThat(harness.database().number("SELECT attempts FROM copernica_webhooks_inbox WHERE profile_id = 1"))
          .as("retried by the policy, then dead").isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void anOutOfMemoryErrorThrownByAHandlerEndsTheAttemptAndTheOnlyWorkerGoesOn(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(poisoned(() -> {
        throw new OutOfMemoryError("the handler's cache is full");
      }), settings -> settings.workers(1).maxAttempts(2));

      receiveProfiles(receiver, 1, 11);

      awaitRecovery(harness, 10);
      assertThat(poison(harness, "last_error")).isEqualTo("java.lang.OutOfMemoryError: the handler's cache is full");
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "H2"})
  void aFailureThatBreaksItsOwnRecordingStillEndsTheAttemptAndTheOnlyWorkerGoesOn(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(poisoned(() -> {
        throw new Unprintable();
      }), settings -> settings.workers(1).maxAttempts(2));

      receiveProfiles(receiver, 1, 11);

      awaitRecovery(harness, 10);
      assertThat(poison(harness, "last_error")).isEqualTo("java.lang.OutOfMemoryError while the failure of the"
          + " attempt was recorded");
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = "POSTGRESQL")
  void aResultTheDatabaseRefusesToWriteMakesItsRowDeadAndHoldsBackNoOther(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(poisoned(() -> {
        throw new IllegalStateException("refuse this write");
      }), settings -> settings.maxAttempts(5));
      refuse(harness, "copernica_webhooks_inbox_attempt", "BEFORE INSERT", "NEW.error LIKE '%refuse this write%'");

      receiveProfiles(receiver, 1, 101);

      awaitRecovery(harness, 100);
      assertThat(poison(harness, "last_error")).startsWith("the result of attempt 1 could not be written after 3"
          + " tries: PSQLException: ERROR: refused by a trigger");
      assertThat(poison(harness, "last_error")).as("the values of the statement are not quoted")
          .doesNotContain("INSERT");
      assertThat(harness.database().number("SELECT attempts FROM copernica_webhooks_inbox WHERE profile_id = 1"))
          .as("dead at once: a write the database refuses is not the handler's failure to retry").isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabase.Kind.class, names = "POSTGRESQL")
  void aRowWhoseEveryWriteIsRefusedIsLetGoSoThatItsLeaseLapsesAndTheOthersAreHandled(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      WebhookReceiver receiver = harness.receiver(poisoned(() -> {}),
          settings -> settings.lease(Duration.ofSeconds(1)));
      refuse(harness, "copernica_webhooks_inbox", "BEFORE UPDATE",
          "NEW.profile_id = 1 AND NEW.status <> 'IN_PROGRESS'");

      receiveProfiles(receiver, 1, 101);

      Await.until("the other hundred events are handled", () -> harness.rows(InboxStatus.HANDLED) == 100);
      Await.until("the refused row's lease lapsed and it was claimed again, twice", () -> harness.database().number(
          "SELECT attempts FROM copernica_webhooks_inbox WHERE profile_id = 1") >= 3);
    }
  }

  /** A listener that throws for profile 1 and accepts every other event. */
  private static WebhookListener poisoned(Poison poison) {
    return event -> {
      if (((ProfileUpdated) event).profileId() == 1) {
        poison.act();
      }
    };
  }

  @FunctionalInterface
  private interface Poison {
    void act();
  }

  private static void recurse() {
    recurse();
  }

  private static void receiveProfiles(WebhookReceiver receiver, int first, int last) {
    for (int profile = first; profile <= last; profile++) {
      assertThat(receiver.receive(Harness.signed(Harness.profileUpdate(profile))).kind())
          .isEqualTo(WebhookOutcome.Kind.STORED);
    }
  }

  private static void awaitRecovery(Harness harness, int others) {
    Await.until("the other events are handled and the poison is dead, no row left in progress", Await.DEFAULT,
        () -> harness.rows(InboxStatus.HANDLED) == others && harness.rows(InboxStatus.DEAD) == 1
            && harness.rows(InboxStatus.IN_PROGRESS) == 0,
        () -> "(" + harness.rows(InboxStatus.HANDLED) + " handled, " + harness.rows(InboxStatus.IN_PROGRESS)
            + " in progress)");
    assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status = 'DEAD'"
        + " AND profile_id = 1")).isEqualTo(1);
  }

  private static String poison(Harness harness, String column) {
    return harness.database().text("SELECT " + column + " FROM copernica_webhooks_inbox WHERE profile_id = 1");
  }

  /** A trigger that makes PostgreSQL refuse the statements on {@code table} that meet {@code condition}. */
  private static void refuse(Harness harness, String table, String timing, String condition) {
    harness.database().execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF " + condition
        + " THEN RAISE EXCEPTION 'refused by a trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
    harness.database().execute("CREATE TRIGGER refuse " + timing + " ON " + table
        + " FOR EACH ROW EXECUTE FUNCTION refuse()");
  }

  /** A failure whose stack trace cannot be printed: as when memory runs out while the failure is recorded. */
  private static final class Unprintable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public void printStackTrace(PrintWriter writer) {
      throw new OutOfMemoryError("no memory left to print the stack trace");
    }
  }
}
