package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code receive(screening, body, bodyReleased)}: the hand-over of a body's memory from the adapter to the
 * receiver and back. The callback runs exactly once, when the receiver lets go of the body: at once for a
 * synchronous or refused call, after the handler for a call queued in asynchronous mode.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BodyReleaseTest {

  private final AtomicInteger released = new AtomicInteger();

  @Test
  void releasesBeforeReturningWhenHandledSynchronously() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff()
        .listener(event -> assertThat(released).as("still held while the handler runs").hasValue(0)).build();

    WebhookOutcome outcome = receive(receiver, Events.profileUpdateBody(1));

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(released).hasValue(1);
  }

  @Test
  void releasesBeforeReturningWhenRefused() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> { }).async(1, 1).build();

    assertThat(receive(receiver, "type=update&profile=x").status()).isEqualTo(400);
    assertThat(released).hasValue(1);
    receiver.close();
  }

  @Test
  void releasesOnceAlsoWhenAHandlerThrowsAnError() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {
      throw new StackOverflowError("deep");
    }).build();

    assertThatThrownBy(() -> receive(receiver, Events.profileUpdateBody(2))).isInstanceOf(StackOverflowError.class);
    assertThat(released).hasValue(1);
  }

  @Test
  void holdsAQueuedBodyUntilItsHandlerHasFinished() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {
      entered.countDown();
      finish.await();
    }).async(1, 10).build();

    WebhookOutcome outcome = receive(receiver, Events.profileUpdateBody(3));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(outcome.status()).isEqualTo(202);
    assertThat(released).as("answered 202, handler still running").hasValue(0);
    finish.countDown();
    receiver.close();
    assertThat(released).hasValue(1);
  }

  @Test
  void releasesAQueuedBodyWhenClosingDropsItsEvent() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {
      entered.countDown();
      never.await();
    }).async(1, 10).shutdownTimeout(Duration.ofMillis(100)).build();

    for (long profile = 1; profile <= 3; profile++) {
      assertThat(receive(receiver, Events.profileUpdateBody(profile)).status()).isEqualTo(202);
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    receiver.close();

    assertThat(released.get()).as("the two that never started, dropped by close").isGreaterThanOrEqualTo(2);
    // the running one was interrupted and lets go when its thread has ended it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (released.get() < 3) {
      assertThat(System.nanoTime()).as("the interrupted handler released its body").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(released).hasValue(3);
  }

  @Test
  void releasesAtOnceWhenTheQueueIsFull() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {
      entered.countDown();
      finish.await();
    }).async(1, 1).build();
    receive(receiver, Events.profileUpdateBody(1));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    receive(receiver, Events.profileUpdateBody(2));

    assertThat(receive(receiver, Events.profileUpdateBody(3)).status()).isEqualTo(503);
    assertThat(released).as("only the refused one").hasValue(1);
    finish.countDown();
    receiver.close();
    assertThat(released).hasValue(3);
  }

  private WebhookOutcome receive(WebhookReceiver receiver, String body) {
    WebhookRequest request = AsyncReceiverTest.request(body);
    return receiver.receive(receiver.screen(request, request.body().length), request.body(), released::incrementAndGet);
  }
}
