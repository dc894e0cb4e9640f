package io.github.copernicawebhooks.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steps shown follow from the reason, because the verifier checks in a fixed order. Each case here
 * makes the real verifier fail at one check, so a change of its order fails this test.
 */
class VerificationStepsTest {

  private static final WebhookSigner SIGNER = ConsoleFixture.SIGNER;
  private static final String BODY = ConsoleFixture.profileUpdate(4711);

  private final RecentCalls recent = RecentCalls.create();
  private final WebhookReceiver receiver = WebhookReceiver.builder()
      .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId())
          .keyResolver(keyId -> {
            if (!keyId.equals(SIGNER.keyId())) {
              throw new WebhookException(Reason.KEY_NOT_FOUND, "no key published for " + keyId);
            }
            return SIGNER.resolver().resolve(keyId);
          })
          .build())
      .listener(event -> { })
      .observer(recent)
      .build();

  @Test
  void aMissingSignatureFailsTheFirstStep() {
    WebhookRequest request = SIGNER.sign(ConsoleFixture.unsigned(BODY)).toBuilder().removeHeader("Signature").build();

    assertThat(results(request, Reason.SIGNATURE_MISSING))
        .containsExactly("failed", "not run", "not run", "not run", "not run", "not run", "not run", "not run");
  }

  @Test
  void aRepeatedHeaderFailsTheFirstStep() {
    WebhookRequest signed = SIGNER.sign(ConsoleFixture.unsigned(BODY));
    WebhookRequest repeated = signed.toBuilder().header("Date", signed.header("Date").orElseThrow()).build();

    assertThat(results(repeated, Reason.HEADER_REPEATED))
        .containsExactly("failed", "not run", "not run", "not run", "not run", "not run", "not run", "not run");
  }

  @Test
  void aWrongAccountFailsAtTheAccount() {
    List<String> results = results(SIGNER.withAccountId("account_9999").sign(ConsoleFixture.unsigned(BODY)),
        Reason.ACCOUNT_UNKNOWN);

    assertThat(results)
        .containsExactly("passed", "failed", "not run", "not run", "not run", "not run", "not run", "not run");
    assertThat(steps().get(1).detail()).startsWith("ACCOUNT_UNKNOWN: ").contains("X-Copernica-ID: account_9999");
  }

  @Test
  void aStaleDateFailsAtTheDate() {
    Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);

    assertThat(results(SIGNER.withClock(hourAgo).sign(ConsoleFixture.unsigned(BODY)), Reason.DATE_STALE))
        .containsExactly("passed", "passed", "failed", "not run", "not run", "not run", "not run", "not run");
    assertThat(steps().get(2).detail()).contains("s before it was answered");
  }

  @Test
  void aChangedBodyFailsAtTheDigest() {
    WebhookRequest signed = SIGNER.sign(ConsoleFixture.unsigned(BODY));
    WebhookRequest changed = signed.withBody((BODY + "&extra=1").getBytes(StandardCharsets.UTF_8));

    assertThat(results(changed, Reason.DIGEST_MISMATCH))
        .containsExactly("passed", "passed", "passed", "passed", "passed", "passed", "failed", "not run");
    assertThat(steps().get(6).detail()).contains("Digest SHA-256");
  }

  @Test
  void aDigestOfAnUnknownAlgorithmFailsAtTheDigestHeaderBeforeTheKey() {
    WebhookRequest request = SIGNER.sign(ConsoleFixture.unsigned(BODY)).toBuilder()
        .setHeader("Digest", "MD5=XrY7u+Ae7tCTyyK7j1rNww==").build();

    assertThat(results(request, Reason.DIGEST_UNSUPPORTED))
        .containsExactly("passed", "passed", "passed", "failed", "not run", "not run", "not run", "not run");
    assertThat(steps().get(3).detail()).contains("Digest MD5");
  }

  @Test
  void anUnknownKeyIdFailsAtTheKey() {
    WebhookRequest request = SIGNER.withKeyId("other._domainkey.copernica.com").sign(ConsoleFixture.unsigned(BODY));

    assertThat(results(request, Reason.KEY_NOT_FOUND))
        .containsExactly("passed", "passed", "passed", "passed", "failed", "not run", "not run", "not run");
    assertThat(steps().get(4).detail()).contains("keyId other._domainkey.copernica.com");
  }

  @Test
  void aForgedSignatureFailsAtTheSignature() {
    WebhookRequest signed = SIGNER.sign(ConsoleFixture.unsigned(BODY));
    String header = signed.header("Signature").orElseThrow();
    int value = header.indexOf("signature=\"") + "signature=\"".length();
    char flipped = header.charAt(value) == 'A' ? 'B' : 'A';
    WebhookRequest forged = signed.toBuilder()
        .setHeader("Signature", header.substring(0, value) + flipped + header.substring(value + 1)).build();

    assertThat(results(forged, Reason.SIGNATURE_INVALID))
        .containsExactly("passed", "passed", "passed", "passed", "passed", "failed", "not run", "not run");
  }

  @Test
  void aReplayFailsAtTheReplayGuardAndAnAcceptedCallPassesEveryStep() {
    WebhookRequest request = SIGNER.sign(ConsoleFixture.unsigned(BODY));
    receiver.receive(request);
    assertThat(steps()).extracting(VerificationSteps.Step::result).containsOnly("passed");

    assertThat(results(request, Reason.REPLAYED))
        .containsExactly("passed", "passed", "passed", "passed", "passed", "passed", "passed", "failed");
  }

  @Test
  void aCallRefusedBeforeVerificationRanNoStepAndAnUnsignedReceiverHasNone() {
    WebhookRequest wrongType = SIGNER.sign(ConsoleFixture.unsigned(BODY)).toBuilder()
        .setHeader("Content-Type", "text/plain").build();

    assertThat(results(wrongType, Reason.UNSUPPORTED_CONTENT_TYPE)).containsOnly("not run");
    assertThat(VerificationSteps.of(false, Outcome.HANDLED, java.util.Optional.empty(), java.util.Optional.empty(),
        List.of(), Instant.now())).extracting(VerificationSteps.Step::result).containsExactly("off");
  }

  private List<String> results(WebhookRequest request, Reason expected) {
    receiver.receive(request);
    RecordedCall call = recent.newestFirst().get(0);
    assertThat(call.reason()).contains(expected);
    return steps().stream().map(VerificationSteps.Step::result).toList();
  }

  private List<VerificationSteps.Step> steps() {
    RecordedCall call = recent.newestFirst().get(0);
    return VerificationSteps.of(true, call.outcome(), call.reason(), call.reasonMessage(), call.headers(),
        call.answeredAt());
  }
}
