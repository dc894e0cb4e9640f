package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeduplicationTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  private final List<WebhookEvent> dispatched = new CopyOnWriteArrayList<>();

  @Test
  void dispatchesTheSameBodySignedTwiceOnceAndAnswersBoth200() {
    WebhookReceiver receiver = signedReceiver(dispatched::add);
    WebhookRequest first = signed(Events.profileUpdateBody(7));
    WebhookRequest resend = signed(Events.profileUpdateBody(7));
    assertThat(resend.header("X-Nonce")).isNotEqualTo(first.header("X-Nonce"));

    WebhookOutcome firstOutcome = receiver.receive(first);
    WebhookOutcome resendOutcome = receiver.receive(resend);

    assertThat(firstOutcome.status()).isEqualTo(200);
    assertThat(firstOutcome.kind()).isEqualTo(Kind.HANDLED);
    assertThat(resendOutcome.status()).isEqualTo(200);
    assertThat(resendOutcome.kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(dispatched).hasSize(1);
  }

  @Test
  void neverMergesDifferentBodies() {
    WebhookReceiver receiver = signedReceiver(dispatched::add);

    for (long profile = 1; profile <= 200; profile++) {
      assertThat(receiver.receive(signed(Events.profileUpdateBody(profile))).kind()).isEqualTo(Kind.HANDLED);
    }
    // one byte apart: the same event with a different e-mail address
    String other = Events.profileUpdateBody(1).replace("a%40", "b%40");
    assertThat(receiver.receive(signed(other)).kind()).isEqualTo(Kind.HANDLED);

    assertThat(dispatched).hasSize(201);
  }

  @Test
  void dispatchesARetryAgainWhenTheHandlerFailed() {
    AtomicBoolean failNext = new AtomicBoolean(true);
    WebhookReceiver receiver = signedReceiver(event -> {
      dispatched.add(event);
      if (failNext.getAndSet(false)) {
        throw new IllegalStateException("database down");
      }
    });

    assertThat(receiver.receive(signed(Events.profileUpdateBody(9))).status()).isEqualTo(500);
    assertThat(receiver.receive(signed(Events.profileUpdateBody(9))).kind()).isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(signed(Events.profileUpdateBody(9))).kind()).isEqualTo(Kind.DUPLICATE);

    assertThat(dispatched).hasSize(2);
  }

  @Test
  void dispatchesARetryAgainWhenTheHandlerThrewAnError() {
    AtomicBoolean failNext = new AtomicBoolean(true);
    WebhookReceiver receiver = signedReceiver(event -> {
      dispatched.add(event);
      if (failNext.getAndSet(false)) {
        throw new StackOverflowError("deep recursion in a handler");
      }
    });

    assertThatThrownBy(() -> receiver.receive(signed(Events.profileUpdateBody(10))))
        .isInstanceOf(StackOverflowError.class);
    assertThat(receiver.receive(signed(Events.profileUpdateBody(10))).kind()).isEqualTo(Kind.HANDLED);

    assertThat(dispatched).hasSize(2);
  }

  @Test
  void refusedCallsDoNotClaimTheBody() {
    WebhookReceiver receiver = signedReceiver(dispatched::add);
    WebhookRequest unsigned = AsyncReceiverTest.request(Events.profileUpdateBody(5));

    assertThat(receiver.receive(unsigned).status()).isEqualTo(401);
    assertThat(receiver.receive(signed(Events.profileUpdateBody(5))).kind()).isEqualTo(Kind.HANDLED);
  }

  @Test
  void dispatchesConcurrentIdenticalDeliveriesOnce() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebhookReceiver receiver = signedReceiver(event -> {
      dispatched.add(event);
      inHandler.countDown();
      finish.await();
    });
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<Future<WebhookOutcome>> outcomes = new ArrayList<>();
    for (int copy = 0; copy < 16; copy++) {
      WebhookRequest request = signed(Events.profileUpdateBody(11));
      outcomes.add(callers.submit(() -> receiver.receive(request)));
    }
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    finish.countDown();
    List<Kind> kinds = new ArrayList<>();
    for (Future<WebhookOutcome> outcome : outcomes) {
      WebhookOutcome answered = outcome.get();
      kinds.add(answered.kind());
      if (answered.kind() == Kind.DUPLICATE_IN_PROGRESS) {
        assertThat(answered.status()).isEqualTo(503);
        assertThat(answered.headers()).containsEntry("Retry-After", "5");
      } else {
        assertThat(answered.status()).isEqualTo(200);
      }
    }
    callers.shutdown();

    assertThat(dispatched).hasSize(1);
    assertThat(kinds).containsOnlyOnce(Kind.HANDLED)
        .isSubsetOf(Kind.HANDLED, Kind.DUPLICATE, Kind.DUPLICATE_IN_PROGRESS)
        .as("copies that came while the first was in its handler").contains(Kind.DUPLICATE_IN_PROGRESS);
  }

  @Test
  void answersADuplicateOfABodyStillInItsHandler503SoThatTheFirstCopyFailingLosesNothing() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    WebhookReceiver receiver = signedReceiver(event -> {
      dispatched.add(event);
      if (first.getAndSet(false)) {
        inHandler.countDown();
        fail.await();
        throw new IllegalStateException("database down");
      }
    });
    ExecutorService caller = Executors.newSingleThreadExecutor();
    Future<WebhookOutcome> firstCopy = caller.submit(() -> receiver.receive(signed(Events.profileUpdateBody(12))));
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

    WebhookOutcome duplicate = receiver.receive(signed(Events.profileUpdateBody(12)));
    fail.countDown();

    assertThat(duplicate.status()).isEqualTo(503);
    assertThat(duplicate.kind()).isEqualTo(Kind.DUPLICATE_IN_PROGRESS);
    assertThat(duplicate.headers()).containsEntry("Retry-After", "5");
    assertThat(firstCopy.get(10, TimeUnit.SECONDS).status()).isEqualTo(500);
    caller.shutdown();
    assertThat(receiver.receive(signed(Events.profileUpdateBody(12))).kind())
        .as("the sender's retry of the duplicate is the event's second chance").isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(signed(Events.profileUpdateBody(12))).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(dispatched).hasSize(2);
  }

  @Test
  void answersADuplicateOfAQueuedAsyncEvent503UntilItsHandlerFinished() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          dispatched.add(event);
          if (first.getAndSet(false)) {
            inHandler.countDown();
            fail.await();
            throw new IllegalStateException("database down");
          }
        })
        .deduplicate(EventDeduplicator.inMemory())
        .async(1, 10)
        .build();

    assertThat(receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(13))).kind()).isEqualTo(Kind.ACCEPTED);
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    WebhookOutcome duplicate = receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(13)));
    fail.countDown();

    assertThat(duplicate.kind()).isEqualTo(Kind.DUPLICATE_IN_PROGRESS);
    waitUntil(() -> receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(13))).kind() == Kind.ACCEPTED);
    receiver.close();
    assertThat(dispatched).hasSize(2);
  }

  @Test
  void releasesTheClaimWhenAnAsyncHandlerFails() throws Exception {
    AtomicBoolean failNext = new AtomicBoolean(true);
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          dispatched.add(event);
          if (failNext.getAndSet(false)) {
            throw new IllegalStateException("database down");
          }
        })
        .deduplicate(EventDeduplicator.inMemory())
        .async(1, 1)
        .build();

    assertThat(receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(3))).status()).isEqualTo(202);
    waitUntil(() -> dispatched.size() == 1);
    // the failed event's claim is released on the handler thread just after the failure
    waitUntil(() -> receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(3))).kind() == Kind.ACCEPTED);
    receiver.close();

    assertThat(dispatched).extracting(event -> ((ProfileEvent) event).profileId()).containsExactly(3L, 3L);
  }

  /** An event refused 503 for a full queue was not handled: its resend must be dispatched, not called a duplicate. */
  @Test
  void releasesTheClaimWhenTheQueueIsFull() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          entered.countDown();
          finish.await();
          dispatched.add(event);
        })
        .deduplicate(EventDeduplicator.inMemory())
        .async(1, 1)
        .build();

    assertThat(receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(1))).kind()).isEqualTo(Kind.ACCEPTED);
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("the one thread holds event 1").isTrue();
    assertThat(receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(2))).kind()).isEqualTo(Kind.ACCEPTED);
    WebhookOutcome full = receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(3)));
    WebhookOutcome resentWhileFull = receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(3)));
    finish.countDown();
    waitUntil(() -> dispatched.size() == 2);
    WebhookOutcome resentLater = receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(3)));
    receiver.close();

    assertThat(full.kind()).isEqualTo(Kind.QUEUE_FULL);
    assertThat(resentWhileFull.kind()).as("refused again, not a duplicate").isEqualTo(Kind.QUEUE_FULL);
    assertThat(resentLater.kind()).isEqualTo(Kind.ACCEPTED);
    assertThat(dispatched).extracting(event -> ((ProfileEvent) event).profileId()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void keepsDispatchingWhenTheStoreFails() {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(dispatched::add)
        .deduplicate(new EventDeduplicator() {
          @Override
          public boolean claim(String key) {
            throw new IllegalStateException("store unreachable");
          }

          @Override
          public void release(String key) {
            throw new IllegalStateException("store unreachable");
          }
        })
        .build();

    assertThat(receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(1))).kind()).isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(AsyncReceiverTest.request(Events.profileUpdateBody(1))).kind()).isEqualTo(Kind.HANDLED);
    assertThat(dispatched).hasSize(2);
  }

  @Test
  void keysAreTheHexSha256OfTheBody() {
    assertThat(DeduplicationClaim.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static WebhookReceiver signedReceiver(WebhookListener listener) {
    return WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver()).build())
        .listener(listener)
        .deduplicate(EventDeduplicator.inMemory())
        .build();
  }

  private static WebhookRequest signed(String body) {
    return SIGNER.sign(AsyncReceiverTest.request(body));
  }
}
