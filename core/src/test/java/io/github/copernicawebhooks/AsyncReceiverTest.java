package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncReceiverTest {

  private final Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();

  @Test
  void handlesTenThousandEventsFromManyCallersExactlyOnceAfterShutdownDrains() throws Exception {
    int events = 10_000;
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          LockSupport.parkNanos(100_000);
          count(event);
        })
        .async(4, events)
        .shutdownTimeout(Duration.ofSeconds(50))
        .build();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<Future<WebhookOutcome>> outcomes = new ArrayList<>();
    for (long profile = 1; profile <= events; profile++) {
      long id = profile;
      outcomes.add(callers.submit(() -> receiver.receive(request(Events.profileUpdateBody(id)))));
    }
    for (Future<WebhookOutcome> outcome : outcomes) {
      assertThat(outcome.get().status()).isEqualTo(202);
      assertThat(outcome.get().kind()).isEqualTo(Kind.ACCEPTED);
    }
    callers.shutdown();

    receiver.close();

    assertThat(handled).hasSize(events);
    assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }

  @Test
  void answers503WithRetryAfterWhenTheQueueIsFullAndNeverHandlesTheRefusedEvents() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          started.countDown();
          release.await();
          count(event);
        })
        .async(1, 2)
        .build();

    assertThat(receiver.receive(request(Events.profileUpdateBody(1))).status()).isEqualTo(202);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(receiver.receive(request(Events.profileUpdateBody(2))).status()).isEqualTo(202);
    assertThat(receiver.receive(request(Events.profileUpdateBody(3))).status()).isEqualTo(202);
    List<WebhookOutcome> refused = new ArrayList<>();
    for (long profile = 4; profile <= 10; profile++) {
      refused.add(receiver.receive(request(Events.profileUpdateBody(profile))));
    }
    release.countDown();
    receiver.close();

    assertThat(refused).allSatisfy(outcome -> {
      assertThat(outcome.status()).isEqualTo(503);
      assertThat(outcome.kind()).isEqualTo(Kind.QUEUE_FULL);
      assertThat(outcome.headers()).containsEntry("Retry-After", "5");
    });
    assertThat(handled.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void logsAFailingHandlerWithTheEventTypeAndIdsAndStillAnswered202() throws Exception {
    IllegalStateException failure = new IllegalStateException("boom");
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          throw failure;
        })
        .async(1, 10)
        .build();
    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      WebhookOutcome outcome = receiver.receive(request(Events.profileUpdateBody(31)));
      receiver.close();

      assertThat(outcome.status()).isEqualTo(202);
      assertThat(log.records()).singleElement().satisfies(record -> {
        assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(record.getMessage()).contains("ProfileUpdated profile=31 database=1", "POST /webhooks/copernica");
        assertThat(record.getThrown()).isSameAs(failure);
      });
    }
  }

  @Test
  void logsTheCountOfEventsNotHandledWhenTheShutdownWaitEnds() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          started.countDown();
          never.await();
          count(event);
        })
        .async(1, 10)
        .shutdownTimeout(Duration.ofMillis(200))
        .build();
    for (long profile = 1; profile <= 4; profile++) {
      assertThat(receiver.receive(request(Events.profileUpdateBody(profile))).status()).isEqualTo(202);
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      receiver.close();

      // the interrupted handler may also log its own failure, with the event's ids
      assertThat(log.messages()).filteredOn(message -> message.contains("were not handled")).singleElement()
          .asString()
          .startsWith("4 accepted webhook events were not handled")
          .contains("3 never started");
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void refusesCallsAfterCloseWith503() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(this::count).async(1, 1).build();
    receiver.close();
    receiver.close();

    WebhookOutcome outcome = receiver.receive(request(Events.profileUpdateBody(1)));

    assertThat(outcome.status()).isEqualTo(503);
    assertThat(outcome.headers()).containsKey("Retry-After");
    assertThat(handled).isEmpty();
  }

  @Test
  void staysSynchronousByDefault() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(this::count).build();

    assertThat(receiver.isAsync()).isFalse();
    assertThat(receiver.receive(request(Events.profileUpdateBody(1))).status()).isEqualTo(200);
    assertThat(handled).containsOnlyKeys(1L);
  }

  @Test
  void refusesNonsensicalAsyncSettings() {
    assertThatThrownBy(() -> WebhookReceiver.builder().async(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder().async(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder().shutdownTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void count(WebhookEvent event) {
    handled.computeIfAbsent(((ProfileEvent) event).profileId(), id -> new AtomicInteger()).incrementAndGet();
  }

  static WebhookRequest request(String body) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "receiver.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
