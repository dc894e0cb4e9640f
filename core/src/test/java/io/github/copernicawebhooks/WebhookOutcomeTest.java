package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookOutcomeTest {

  @ParameterizedTest
  @EnumSource(Reason.class)
  void kindOfEveryReasonAnswersTheReasonsStatus(Reason reason) {
    assertThat(Kind.of(reason).status()).isEqualTo(reason.httpStatus());
  }

  @Test
  void classifiesVerificationFailuresAsRejectedSignatureAndParseFailuresAsMalformed() {
    assertThat(Kind.of(Reason.REPLAYED)).isEqualTo(Kind.REJECTED_SIGNATURE);
    assertThat(Kind.of(Reason.DIGEST_MISMATCH)).isEqualTo(Kind.REJECTED_SIGNATURE);
    assertThat(Kind.of(Reason.LIMIT_EXCEEDED)).isEqualTo(Kind.MALFORMED);
    assertThat(Kind.of(Reason.MISSING_VARIABLE)).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void shortConstructorDerivesTheKindFromTheFailure() {
    WebhookException failure = new WebhookException(Reason.SIGNATURE_INVALID, "does not verify");

    WebhookOutcome outcome = new WebhookOutcome(401, "signature verification failed", Optional.empty(), Optional.of(failure));

    assertThat(outcome.kind()).isEqualTo(Kind.REJECTED_SIGNATURE);
    assertThat(outcome.headers()).isEmpty();
  }

  @Test
  void shortConstructorDerivesTheKindFromTheStatusWithoutFailure() {
    assertThat(new WebhookOutcome(200, "ok", Optional.empty(), Optional.empty()).kind()).isEqualTo(Kind.HANDLED);
    assertThat(new WebhookOutcome(202, "accepted", Optional.empty(), Optional.empty()).kind()).isEqualTo(Kind.ACCEPTED);
    assertThat(new WebhookOutcome(500, "handler failed", Optional.empty(), Optional.empty()).kind())
        .isEqualTo(Kind.HANDLER_FAILED);
    assertThat(new WebhookOutcome(503, "busy", Optional.empty(), Optional.empty()).kind()).isEqualTo(Kind.QUEUE_FULL);
  }

  @Test
  void keepsItsOwnUnmodifiableCopyOfTheHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Retry-After", "5");
    WebhookOutcome outcome =
        new WebhookOutcome(503, "busy", Optional.empty(), Optional.empty(), Kind.QUEUE_FULL, headers);

    headers.put("X-Other", "1");

    assertThat(outcome.headers()).containsExactly(Map.entry("Retry-After", "5"));
    assertThatThrownBy(() -> outcome.headers().put("A", "b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void countsOnly2xxAsSuccess() {
    assertThat(new WebhookOutcome(202, "accepted", Optional.empty(), Optional.empty()).isSuccess()).isTrue();
    assertThat(new WebhookOutcome(405, "no", Optional.empty(), Optional.empty()).isSuccess()).isFalse();
  }
}
