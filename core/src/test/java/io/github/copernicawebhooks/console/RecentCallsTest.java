package io.github.copernicawebhooks.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.CallObserver;
import io.github.copernicawebhooks.Screening;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentCallsTest {

  private final ConsoleFixture fixture = new ConsoleFixture();

  @Test
  void keepsEveryOutcomeNewestFirstWithReasonIdsAndHandlerError() {
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(4711)));
    fixture.receiver.receive(fixture.signedBy(ConsoleFixture.SIGNER.withAccountId("account_9999"),
        ConsoleFixture.profileUpdate(4712)));
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(ConsoleFixture.FAILING_PROFILE)));

    List<RecordedCall> calls = fixture.recent.newestFirst();

    assertThat(calls).extracting(RecordedCall::outcome)
        .containsExactly(Outcome.FAILED, Outcome.REFUSED, Outcome.HANDLED);
    assertThat(calls).extracting(RecordedCall::id).containsExactly(3L, 2L, 1L);
    RecordedCall failed = calls.get(0);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.ids().eventType()).contains("ProfileUpdated");
    assertThat(failed.ids().profile()).hasValue(ConsoleFixture.FAILING_PROFILE);
    assertThat(failed.ids().database()).hasValue(12);
    assertThat(failed.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.succeeded()).isFalse();
      assertThat(attempt.error()).hasValueSatisfying(error -> assertThat(error)
          .startsWith("java.lang.IllegalStateException: cannot store"));
      assertThat(attempt.stackTrace()).hasValueSatisfying(trace -> assertThat(trace)
          .contains("at io.github.copernicawebhooks.console.ConsoleFixture"));
    });
    RecordedCall refused = calls.get(1);
    assertThat(refused.reason()).contains(Reason.ACCOUNT_UNKNOWN);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.event()).isEmpty();
    assertThat(refused.reasonMessage()).hasValueSatisfying(message -> assertThat(message).contains("X-Copernica-ID"));
    assertThat(calls.get(2).attempts()).singleElement().satisfies(attempt -> assertThat(attempt.succeeded()).isTrue());
  }

  @Test
  void forgetsTheOldestCallWhenFull() {
    RecentCalls small = RecentCalls.builder().capacity(3).build();
    ConsoleFixture bounded = new ConsoleFixture(small);
    for (int profile = 1; profile <= 5; profile++) {
      bounded.receiver.receive(bounded.signed(ConsoleFixture.profileUpdate(profile)));
    }

    assertThat(small.newestFirst()).extracting(call -> call.ids().profile().getAsLong()).containsExactly(5L, 4L, 3L);
    assertThat(small.find(2)).isEmpty();
    assertThat(small.find(5)).isPresent();
    assertThat(small.countsSince(Instant.EPOCH)).containsEntry(Outcome.HANDLED, 5L);
  }

  @Test
  void keepsOnlyTheFirstBytesOfABigBodyAndThenNoEvent() {
    RecentCalls cut = RecentCalls.builder().maxBodyBytes(40).build();
    ConsoleFixture bounded = new ConsoleFixture(cut);
    String body = ConsoleFixture.profileUpdate(4711);

    bounded.receiver.receive(bounded.signed(body));

    RecordedCall call = cut.newestFirst().get(0);
    assertThat(call.body()).hasSize(40);
    assertThat(call.bodyLength()).isEqualTo(body.length());
    assertThat(call.isBodyComplete()).isFalse();
    assertThat(call.event()).isEmpty();
    assertThat(call.ids().profile()).hasValue(4711);
  }

  @Test
  void shortensTheSignatureAndHidesCredentials() {
    WebhookRequest request = fixture.signed(ConsoleFixture.profileUpdate(4711)).toBuilder()
        .header("Cookie", "SESSION=very-secret-session").build();
    String fullSignature = request.header("Signature").orElseThrow();

    fixture.receiver.receive(request);

    List<Header> headers = fixture.recent.newestFirst().get(0).headers();
    String signature = headers.stream().filter(h -> h.name().equals("signature")).findFirst().orElseThrow().value();
    assertThat(signature).contains("keyId=\"" + WebhookSigner.DEFAULT_KEY_ID + "\"").contains("characters)");
    assertThat(signature.length()).isLessThan(fullSignature.length() - 200);
    assertThat(headers).filteredOn(h -> h.name().equals("cookie")).singleElement()
        .satisfies(h -> assertThat(h.value()).isEqualTo("(hidden, 27 characters)"));
  }

  @Test
  void recordsACallRefusedByScreenOnceAndWithoutBody() {
    WebhookRequest head = WebhookRequest.builder().method("PUT").target("/webhooks/copernica").build();

    Optional<WebhookOutcome> refusal = fixture.receiver.screen(head, 10).refusal();
    fixture.receiver.receive(head.withBody("x".getBytes(StandardCharsets.UTF_8)));

    assertThat(refusal).hasValueSatisfying(outcome -> assertThat(outcome.kind()).isEqualTo(Kind.METHOD_NOT_ALLOWED));
    assertThat(fixture.recent.newestFirst()).hasSize(2).allSatisfy(call -> {
      assertThat(call.reason()).contains(Reason.METHOD_NOT_ALLOWED);
      assertThat(call.outcome()).isEqualTo(Outcome.REFUSED);
    });
    assertThat(fixture.recent.newestFirst().get(1).bodyLength()).isZero();
  }

  @Test
  void recordsAScreenedCallOnceWhenItsBodyIsReceived() {
    WebhookRequest request = fixture.signed(ConsoleFixture.profileUpdate(4711));
    WebhookRequest head = request.withBody(new byte[0]);

    Screening screening = fixture.receiver.screen(head, request.body().length);
    WebhookOutcome outcome = fixture.receiver.receive(screening, request.body());

    assertThat(screening.refusal()).isEmpty();
    assertThat(outcome.kind()).isEqualTo(Kind.HANDLED);
    assertThat(fixture.recent.newestFirst()).singleElement().satisfies(call -> {
      assertThat(call.outcome()).isEqualTo(Outcome.HANDLED);
      assertThat(call.bodyLength()).isEqualTo(request.body().length);
    });
  }

  @Test
  void anAsynchronousCallIsQueuedThenHandledOrFailed() throws Exception {
    WebhookSigner signer = ConsoleFixture.SIGNER;
    RecentCalls recent = RecentCalls.create();
    CountDownLatch release = new CountDownLatch(1);
    List<WebhookEvent> seen = new CopyOnWriteArrayList<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build())
        .async(1, 10)
        .listener(event -> {
          release.await(10, TimeUnit.SECONDS);
          seen.add(event);
          if (seen.size() == 2) {
            throw new IllegalArgumentException("second one fails");
          }
        })
        .observer(recent)
        .build()) {
      receiver.receive(signer.sign(ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(1))));
      receiver.receive(signer.sign(ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(2))));
      assertThat(recent.newestFirst()).extracting(RecordedCall::outcome).containsOnly(Outcome.QUEUED);
      release.countDown();

      waitFor(() -> recent.newestFirst().stream().noneMatch(call -> call.outcome() == Outcome.QUEUED));

      assertThat(recent.newestFirst()).extracting(RecordedCall::outcome).containsExactly(Outcome.FAILED, Outcome.HANDLED);
      assertThat(recent.newestFirst().get(0).attempts()).singleElement()
          .satisfies(attempt -> assertThat(attempt.error()).hasValue("java.lang.IllegalArgumentException: second one fails"));
      assertThat(recent.countsSince(Instant.EPOCH)).containsEntry(Outcome.HANDLED, 1L).containsEntry(Outcome.FAILED, 1L)
          .containsEntry(Outcome.QUEUED, 0L);
    }
  }

  @Test
  void aCompletionThatArrivesBeforeTheAnswerIsNotLost() {
    RecentCalls recent = RecentCalls.create();
    WebhookRequest request = fixture.signed(ConsoleFixture.profileUpdate(1));
    WebhookEvent event = io.github.copernicawebhooks.WebhookParser.create().parse(ConsoleFixture.profileUpdate(1));

    recent.handledLater(request, event, Optional.empty());
    recent.answered(request, new WebhookOutcome(Kind.ACCEPTED, "accepted", Optional.of(event), Optional.empty(),
        java.util.Map.of()), Optional.empty());

    assertThat(recent.newestFirst()).singleElement().satisfies(call -> {
      assertThat(call.outcome()).isEqualTo(Outcome.HANDLED);
      assertThat(call.attempts()).hasSize(1);
    });
  }

  @Test
  void aBrokenObserverDoesNotChangeTheAnswer() {
    WebhookSigner signer = ConsoleFixture.SIGNER;
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build())
        .listener(event -> { })
        .observer(new CallObserver() {
          @Override
          public void answered(WebhookRequest request, WebhookOutcome outcome, Optional<Exception> failure) {
            throw new IllegalStateException("broken observer");
          }
        })
        .build();

    WebhookOutcome outcome = receiver.receive(signer.sign(ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(1))));

    assertThat(outcome.kind()).isEqualTo(Kind.HANDLED);
  }

  @Test
  void refusesNonsenseSettings() {
    assertThatThrownBy(() -> RecentCalls.builder().capacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecentCalls.builder().maxBodyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsPerOutcomeStayExactBeyondTheCapacityAndForgetCallsOlderThanADay() {
    java.util.concurrent.atomic.AtomicReference<Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    java.time.Clock clock = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    RecentCalls recent = RecentCalls.builder().capacity(2).clock(clock).build();
    WebhookOutcome handled = new WebhookOutcome(Kind.HANDLED, "ok", Optional.empty(), Optional.empty(), java.util.Map.of());
    recent.answered(fixture.signed("a=1"), handled, Optional.empty());
    now.set(now.get().plus(Duration.ofHours(2)));
    for (int i = 0; i < 4; i++) {
      recent.answered(fixture.signed("a=1"), handled, Optional.empty());
    }

    assertThat(recent.countsSince(now.get().minus(Duration.ofHours(1)))).containsEntry(Outcome.HANDLED, 4L);
    assertThat(recent.countsSince(now.get().minus(Duration.ofDays(1)))).containsEntry(Outcome.HANDLED, 5L);
    now.set(now.get().plus(Duration.ofHours(23)));
    assertThat(recent.countsSince(now.get().minus(Duration.ofDays(1)))).containsEntry(Outcome.HANDLED, 4L);
    now.set(now.get().plus(Duration.ofHours(2)));
    assertThat(recent.countsSince(now.get().minus(Duration.ofDays(1)))).containsEntry(Outcome.HANDLED, 0L);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
