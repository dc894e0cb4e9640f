package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ProfileUpdated;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several instances draining one table at once: every row is handled, and by exactly one of them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxClaimTest {

  private static final int ROWS = 300;

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void threeInstancesDrainOneTableWithoutHandlingARowTwice(TestDatabase.Kind kind) {
    try (Harness harness = new Harness(kind)) {
      // unsigned calls: this test is about the claims, and signing hundreds of calls costs more than draining them
      WebhookReceiver front = WebhookReceiver.builder().signatureOff().listener(event -> {})
          .inbox(harness.settings().workers(0).build()).build();
      for (int i = 1; i <= ROWS; i++) {
        assertThat(front.receive(Harness.unsigned(Harness.profileUpdate(i))).kind()).isEqualTo(WebhookOutcome.Kind.STORED);
      }
      front.close();
      Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> perInstance = new ConcurrentHashMap<>();
      for (String instance : new String[] {"a", "b", "c"}) {
        harness.receiver(event -> {
          handled.computeIfAbsent(((ProfileUpdated) event).profileId(), id -> new AtomicInteger()).incrementAndGet();
          perInstance.computeIfAbsent(instance, id -> new AtomicInteger()).incrementAndGet();
        }, settings -> settings.instanceId(instance).workers(2));
      }

      Await.until("every row is handled", () -> harness.rows(InboxStatus.HANDLED) == ROWS);

      assertThat(handled).hasSize(ROWS);
      assertThat(handled.values()).allSatisfy(count -> assertThat(count).hasValue(1));
      assertThat(harness.database().number("SELECT COUNT(*) FROM copernica_webhooks_inbox_attempt")).isEqualTo(ROWS);
      assertThat(harness.database().number("SELECT MAX(attempts) FROM copernica_webhooks_inbox")).isEqualTo(1);
      assertThat(perInstance.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(ROWS);
    }
  }
}
