package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  private final List<WebhookEvent> received = new CopyOnWriteArrayList<>();
  private final WebhookReceiver receiver = WebhookReceiver.builder()
      .verifier(verifierTrusting(SIGNER))
      .listener(received::add)
      .build();

  @Test
  void handlesSignedCall() {
    WebhookOutcome outcome = receiver.receive(signed(Events.profileUpdateBody(4711)));

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.kind()).isEqualTo(Kind.HANDLED);
    assertThat(outcome.isSuccess()).isTrue();
    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.event()).containsSame(received.get(0));
    assertThat(received).singleElement().isInstanceOfSatisfying(
        ProfileUpdated.class, update -> assertThat(update.profileId()).isEqualTo(4711));
  }

  @Test
  void givesTheListenerTheVerifiedRequestWithTheEvent() {
    List<String> seen = new ArrayList<>();
    WebhookListener listener = new WebhookListener() {
      @Override
      public void onEvent(WebhookEvent event) {
        seen.add("without request");
      }

      @Override
      public void onEvent(WebhookEvent event, WebhookRequest request) {
        seen.add(event.type() + " " + request.target() + " " + request.header("X-Copernica-ID").orElse("?"));
      }
    };
    WebhookReceiver withRequest = WebhookReceiver.builder().verifier(verifierTrusting(SIGNER)).listener(listener).build();

    WebhookOutcome outcome = withRequest.receive(signed(Events.profileUpdateBody(4711)));

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(seen).containsExactly("update /webhooks/copernica " + SIGNER.accountId());
  }

  @Test
  void acceptsContentTypeWithCharsetParameter() {
    WebhookRequest request = signed(Events.profileUpdateBody(1)).toBuilder()
        .setHeader("Content-Type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8")
        .build();

    assertThat(receiver.receive(request).status()).isEqualTo(200);
  }

  @Test
  void refusesUnsignedCallWith401AndAGenericMessage() {
    WebhookOutcome outcome = receiver.receive(unsigned(Events.profileUpdateBody(1)));

    assertThat(outcome.status()).isEqualTo(401);
    assertThat(outcome.kind()).isEqualTo(Kind.REJECTED_SIGNATURE);
    assertThat(outcome.message()).isEqualTo("signature verification failed");
    assertThat(outcome.failure()).hasValueSatisfying(
        failure -> assertThat(failure.reason().isVerificationFailure()).isTrue());
    assertThat(received).isEmpty();
  }

  @Test
  void refusesCallWhoseBodyWasChangedAfterSigning() {
    WebhookRequest request = signed(Events.profileUpdateBody(1)).toBuilder()
        .body(Events.profileUpdateBody(2).getBytes(StandardCharsets.UTF_8))
        .build();

    WebhookOutcome outcome = receiver.receive(request);

    assertThat(outcome.status()).isEqualTo(401);
    assertThat(outcome.failure().map(WebhookException::reason)).hasValue(Reason.DIGEST_MISMATCH);
    assertThat(received).isEmpty();
  }

  @Test
  void refusesExactReplay() {
    WebhookRequest request = signed(Events.profileUpdateBody(1));

    assertThat(receiver.receive(request).status()).isEqualTo(200);
    WebhookOutcome replay = receiver.receive(request);

    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.failure().map(WebhookException::reason)).hasValue(Reason.REPLAYED);
    assertThat(received).hasSize(1);
  }

  @Test
  void refusesOtherMethodsWith405AndAllowPost() {
    WebhookOutcome outcome = receiver.receive(signed(Events.profileUpdateBody(1)).toBuilder().method("GET").build());

    assertThat(outcome.status()).isEqualTo(405);
    assertThat(outcome.kind()).isEqualTo(Kind.METHOD_NOT_ALLOWED);
    assertThat(outcome.headers()).containsExactly(java.util.Map.entry("Allow", "POST"));
  }

  @Test
  void refusesUnsupportedOrMissingContentTypeWith415() {
    WebhookRequest request = signed(Events.profileUpdateBody(1));

    WebhookOutcome textPlain = receiver.receive(request.toBuilder().setHeader("Content-Type", "text/plain").build());
    WebhookOutcome missing = receiver.receive(request.toBuilder().removeHeader("Content-Type").build());

    assertThat(textPlain.status()).isEqualTo(415);
    assertThat(textPlain.kind()).isEqualTo(Kind.UNSUPPORTED_MEDIA_TYPE);
    assertThat(missing.status()).isEqualTo(415);
    assertThat(received).isEmpty();
  }

  @Test
  void refusesBodyOverTheLimitWith413() {
    WebhookReceiver small = WebhookReceiver.builder().signatureOff().listener(received::add).maxBodyBytes(200).build();
    String body = Events.profileUpdateBody(1);
    String padded = body + "&x=" + "y".repeat(200 - body.length() - 3);

    assertThat(small.receive(unsigned(padded)).status()).isEqualTo(200);
    WebhookOutcome outcome = small.receive(unsigned(padded + "y"));

    assertThat(outcome.status()).isEqualTo(413);
    assertThat(outcome.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(received).hasSize(1);
  }

  @Test
  void screensDeclaredLengthBeforeTheBodyIsRead() {
    WebhookReceiver small = WebhookReceiver.builder().signatureOff().listener(received::add).maxBodyBytes(100).build();
    WebhookRequest head = unsigned("");

    assertThat(small.screen(head, 100).refusal()).isEmpty();
    assertThat(small.screen(head, -1).refusal()).isEmpty();
    assertThat(small.screen(head, 101).refusal()).hasValueSatisfying(outcome -> assertThat(outcome.status()).isEqualTo(413));
    assertThat(small.screen(head.toBuilder().method("PUT").build(), 1).refusal())
        .hasValueSatisfying(outcome -> assertThat(outcome.status()).isEqualTo(405));
  }

  @Test
  void usesTheParsersBodyLimitUnlessConfigured() {
    WebhookReceiver defaults = WebhookReceiver.builder().signatureOff().listener(received::add).build();
    WebhookReceiver configured = WebhookReceiver.builder().signatureOff().listener(received::add)
        .maxBodyBytes(1024).build();

    assertThat(defaults.maxBodyBytes()).isEqualTo(ParserLimits.DEFAULT_MAX_BODY_BYTES);
    assertThat(configured.maxBodyBytes()).isEqualTo(1024);
  }

  @Test
  void answers400NamingTheProblemInAMalformedBody() {
    WebhookOutcome outcome = receiver.receive(signed("type=update&profile=12ab&database=1" + Events.TIMESTAMP));

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(outcome.message()).contains("profile");
    assertThat(received).isEmpty();
  }

  @Test
  void answers503WhenTheKeyCannotBeLookedUpNow() {
    WebhookReceiver unreachableDns = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder()
            .accountIds(SIGNER.accountId())
            .keyResolver(keyId -> {
              throw new WebhookException(Reason.KEY_UNAVAILABLE, "DNS timed out");
            })
            .build())
        .listener(received::add)
        .build();

    WebhookOutcome outcome = unreachableDns.receive(signed(Events.profileUpdateBody(1)));

    assertThat(outcome.status()).isEqualTo(503);
    assertThat(outcome.kind()).isEqualTo(Kind.KEY_UNAVAILABLE);
    assertThat(outcome.message()).doesNotContain("DNS");
    assertThat(received).isEmpty();
  }

  @Test
  void answers503WithRetryAfterWhenTheReplayGuardIsFullRatherThanForgetAnUnexpiredNonce() {
    WebhookReceiver smallGuard = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver())
            .replayGuard(ReplayGuard.inMemory(1)).build())
        .listener(received::add)
        .build();
    WebhookRequest first = signed(Events.profileUpdateBody(1));

    assertThat(smallGuard.receive(first).kind()).isEqualTo(Kind.HANDLED);
    WebhookOutcome full = smallGuard.receive(signed(Events.profileUpdateBody(2)));
    WebhookOutcome replay = smallGuard.receive(first);

    assertThat(full.status()).isEqualTo(503);
    assertThat(full.kind()).isEqualTo(Kind.REPLAY_GUARD_FULL);
    assertThat(full.failure().map(WebhookException::reason)).hasValue(Reason.REPLAY_GUARD_FULL);
    assertThat(full.headers()).containsEntry("Retry-After", "5");
    assertThat(full.message()).isEqualTo("busy, try again later");
    assertThat(replay.failure().map(WebhookException::reason)).as("the first nonce is still known").hasValue(Reason.REPLAYED);
    assertThat(received).hasSize(1);
  }

  @Test
  void answers500WhenTheListenerThrowsAndKeepsTheExceptionOutOfTheMessage() {
    WebhookReceiver failing = WebhookReceiver.builder()
        .verifier(verifierTrusting(SIGNER))
        .listener(event -> {
          throw new IllegalStateException("password hunter2 rejected");
        })
        .build();

    WebhookOutcome outcome = failing.receive(signed(Events.profileUpdateBody(1)));

    assertThat(outcome.status()).isEqualTo(500);
    assertThat(outcome.kind()).isEqualTo(Kind.HANDLER_FAILED);
    assertThat(outcome.message()).doesNotContain("hunter2");
    assertThat(outcome.event()).isPresent();
  }

  @Test
  void acceptsUnsignedCallWhenSignatureIsOff() {
    WebhookReceiver open = WebhookReceiver.builder().signatureOff().listener(received::add).build();

    assertThat(open.receive(unsigned(Events.profileUpdateBody(1))).status()).isEqualTo(200);
    assertThat(open.verifiesSignatures()).isFalse();
    assertThat(receiver.verifiesSignatures()).isTrue();
  }

  @Test
  void refusesToBuildWithoutVerifierUnlessSignatureIsExplicitlyOff() {
    assertThatThrownBy(() -> WebhookReceiver.builder().listener(received::add).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no signature verifier")
        .hasMessageContaining("signatureOff()");
  }

  @Test
  void refusesToBuildWithBothVerifierAndSignatureOff() {
    assertThatThrownBy(() -> WebhookReceiver.builder()
        .verifier(verifierTrusting(SIGNER)).signatureOff().listener(received::add).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("choose one");
  }

  @Test
  void refusesToBuildWithoutListener() {
    assertThatThrownBy(() -> WebhookReceiver.builder().signatureOff().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no listener");
  }

  @Test
  void logsOneWarningWhenBuiltWithSignatureOff() {
    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      WebhookReceiver open = WebhookReceiver.builder().signatureOff().listener(received::add).build();
      open.receive(unsigned(Events.profileUpdateBody(1)));
      open.receive(unsigned(Events.profileUpdateBody(2)));

      assertThat(log.records()).singleElement().satisfies(record -> {
        assertThat(record.getLevel()).isEqualTo(Level.WARNING);
        assertThat(record.getMessage()).contains("OFF");
      });
    }
  }

  @Test
  void logsOneLineWithThePreciseReasonPerRefusedCallAndNothingForHandledCalls() {
    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      receiver.receive(signed(Events.profileUpdateBody(1)));
      receiver.receive(unsigned(Events.profileUpdateBody(2)));

      assertThat(log.messages()).singleElement().satisfies(message -> assertThat(message)
          .contains("401").containsAnyOf("SIGNATURE_MISSING", "DIGEST_MISSING").contains("POST /webhooks/copernica"));
    }
  }

  @Test
  void logsHandlerFailureWithTheEventTypeAndIds() {
    IllegalStateException failure = new IllegalStateException("boom");
    WebhookReceiver failing = WebhookReceiver.builder().signatureOff().listener(event -> {
      throw failure;
    }).build();

    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      failing.receive(unsigned(Events.profileUpdateBody(77)));

      assertThat(log.records()).singleElement().satisfies(record -> {
        assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(record.getMessage()).contains("ProfileUpdated profile=77 database=1");
        assertThat(record.getThrown()).isSameAs(failure);
      });
    }
  }

  private static SignatureVerifier verifierTrusting(WebhookSigner signer) {
    return SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.knownKeyResolver()).build();
  }

  private static WebhookRequest unsigned(String body) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "receiver.example.com")
        .header("Content-Type", FORM)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static WebhookRequest signed(String body) {
    return SIGNER.sign(unsigned(body));
  }
}
