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

  /**
   * What every refusal answers, written out: it decides whether Copernica retries a call (a 5xx may be
   * retried, a 4xx is final), so a change here must be a decision, made in this table too.
   */
  private static final Map<Reason, Integer> STATUS_OF_REASON = Map.ofEntries(
      Map.entry(Reason.MALFORMED_BODY, 400),
      Map.entry(Reason.MISSING_VARIABLE, 400),
      Map.entry(Reason.INVALID_VARIABLE, 400),
      Map.entry(Reason.LIMIT_EXCEEDED, 400),
      Map.entry(Reason.BODY_TOO_LARGE, 413),
      Map.entry(Reason.UNSUPPORTED_CONTENT_TYPE, 415),
      Map.entry(Reason.METHOD_NOT_ALLOWED, 405),
      Map.entry(Reason.DIGEST_MISSING, 401),
      Map.entry(Reason.DIGEST_UNSUPPORTED, 401),
      Map.entry(Reason.DIGEST_MISMATCH, 401),
      Map.entry(Reason.SIGNATURE_MISSING, 401),
      Map.entry(Reason.HEADER_REPEATED, 401),
      Map.entry(Reason.SIGNATURE_MALFORMED, 401),
      Map.entry(Reason.ALGORITHM_UNSUPPORTED, 401),
      Map.entry(Reason.SIGNED_HEADER_MISSING, 401),
      Map.entry(Reason.KEY_ID_INVALID, 401),
      Map.entry(Reason.ACCOUNT_UNKNOWN, 401),
      Map.entry(Reason.DATE_MISSING, 401),
      Map.entry(Reason.DATE_INVALID, 401),
      Map.entry(Reason.DATE_STALE, 401),
      Map.entry(Reason.DATE_FUTURE, 401),
      Map.entry(Reason.SIGNATURE_INVALID, 401),
      Map.entry(Reason.REPLAYED, 401),
      Map.entry(Reason.KEY_NOT_FOUND, 401),
      Map.entry(Reason.KEY_UNAVAILABLE, 503),
      Map.entry(Reason.REPLAY_GUARD_FULL, 503),
      Map.entry(Reason.STORE_UNAVAILABLE, 503));

  /** The kind metrics count each refusal as, written out. */
  private static final Map<Reason, Kind> KIND_OF_REASON = Map.ofEntries(
      Map.entry(Reason.MALFORMED_BODY, Kind.MALFORMED),
      Map.entry(Reason.MISSING_VARIABLE, Kind.MALFORMED),
      Map.entry(Reason.INVALID_VARIABLE, Kind.MALFORMED),
      Map.entry(Reason.LIMIT_EXCEEDED, Kind.MALFORMED),
      Map.entry(Reason.BODY_TOO_LARGE, Kind.TOO_LARGE),
      Map.entry(Reason.UNSUPPORTED_CONTENT_TYPE, Kind.UNSUPPORTED_MEDIA_TYPE),
      Map.entry(Reason.METHOD_NOT_ALLOWED, Kind.METHOD_NOT_ALLOWED),
      Map.entry(Reason.DIGEST_MISSING, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.DIGEST_UNSUPPORTED, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.DIGEST_MISMATCH, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.SIGNATURE_MISSING, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.HEADER_REPEATED, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.SIGNATURE_MALFORMED, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.ALGORITHM_UNSUPPORTED, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.SIGNED_HEADER_MISSING, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.KEY_ID_INVALID, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.ACCOUNT_UNKNOWN, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.DATE_MISSING, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.DATE_INVALID, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.DATE_STALE, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.DATE_FUTURE, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.SIGNATURE_INVALID, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.REPLAYED, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.KEY_NOT_FOUND, Kind.REJECTED_SIGNATURE),
      Map.entry(Reason.KEY_UNAVAILABLE, Kind.KEY_UNAVAILABLE),
      Map.entry(Reason.REPLAY_GUARD_FULL, Kind.REPLAY_GUARD_FULL),
      Map.entry(Reason.STORE_UNAVAILABLE, Kind.STORE_UNAVAILABLE));

  /** The status of every kind, written out: one row per line of the README's HTTP contract. */
  private static final Map<Kind, Integer> STATUS_OF_KIND = Map.ofEntries(
      Map.entry(Kind.HANDLED, 200),
      Map.entry(Kind.DUPLICATE, 200),
      Map.entry(Kind.ACCEPTED, 202),
      Map.entry(Kind.METHOD_NOT_ALLOWED, 405),
      Map.entry(Kind.UNSUPPORTED_MEDIA_TYPE, 415),
      Map.entry(Kind.TOO_LARGE, 413),
      Map.entry(Kind.MALFORMED, 400),
      Map.entry(Kind.BODY_TIMEOUT, 408),
      Map.entry(Kind.REJECTED_SIGNATURE, 401),
      Map.entry(Kind.KEY_UNAVAILABLE, 503),
      Map.entry(Kind.HANDLER_FAILED, 500),
      Map.entry(Kind.QUEUE_FULL, 503),
      Map.entry(Kind.MEMORY_BUDGET_EXHAUSTED, 503),
      Map.entry(Kind.REPLAY_GUARD_FULL, 503),
      Map.entry(Kind.INTERNAL_ERROR, 500),
      Map.entry(Kind.STORED, 200),
      Map.entry(Kind.SPOOLED, 200),
      Map.entry(Kind.STORE_UNAVAILABLE, 503),
      Map.entry(Kind.DUPLICATE_IN_PROGRESS, 503));

  @Test
  void tablesNameEveryReasonAndKind() {
    assertThat(STATUS_OF_REASON).as("a new reason needs its status decided here").containsOnlyKeys(Reason.values());
    assertThat(KIND_OF_REASON).as("a new reason needs its kind decided here").containsOnlyKeys(Reason.values());
    assertThat(STATUS_OF_KIND).as("a new kind needs its status decided here").containsOnlyKeys(Kind.values());
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void answersEveryReasonWithTheStatusOfTheTable(Reason reason) {
    assertThat(Kind.of(reason).status()).isEqualTo(STATUS_OF_REASON.get(reason));
    assertThat(reason.isVerificationFailure()).isEqualTo(STATUS_OF_REASON.get(reason) == 401);
    assertThat(Kind.of(reason)).isEqualTo(KIND_OF_REASON.get(reason));
    assertThat(WebhookOutcome.refused(new WebhookException(reason, "x"), "x").status())
        .isEqualTo(STATUS_OF_REASON.get(reason));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void answersEveryKindWithTheStatusOfTheTable(Kind kind) {
    assertThat(kind.status()).isEqualTo(STATUS_OF_KIND.get(kind));
  }

  @Test
  void classifiesVerificationFailuresAsRejectedSignatureAndParseFailuresAsMalformed() {
    assertThat(Kind.of(Reason.REPLAYED)).isEqualTo(Kind.REJECTED_SIGNATURE);
    assertThat(Kind.of(Reason.DIGEST_MISMATCH)).isEqualTo(Kind.REJECTED_SIGNATURE);
    assertThat(Kind.of(Reason.LIMIT_EXCEEDED)).isEqualTo(Kind.MALFORMED);
    assertThat(Kind.of(Reason.MISSING_VARIABLE)).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void refusesAFailureWhoseReasonBelongsToAnotherKind() {
    WebhookException failure = new WebhookException(Reason.SIGNATURE_INVALID, "does not verify");

    assertThatThrownBy(() -> new WebhookOutcome(Kind.MALFORMED, "bad", Optional.empty(), Optional.of(failure), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SIGNATURE_INVALID");
    assertThat(new WebhookOutcome(Kind.REJECTED_SIGNATURE, "no", Optional.empty(), Optional.of(failure), Map.of())
        .status()).isEqualTo(401);
  }

  @Test
  void givesTheAdaptersAnswersTheirOwnKinds() {
    assertThat(WebhookOutcome.bodyTimeout().kind()).isEqualTo(Kind.BODY_TIMEOUT);
    assertThat(WebhookOutcome.bodyTimeout().status()).isEqualTo(408);
    assertThat(WebhookOutcome.bodyUnreadable().status()).isEqualTo(400);
    WebhookOutcome budget = WebhookOutcome.memoryBudgetExhausted();
    assertThat(budget.kind()).isEqualTo(Kind.MEMORY_BUDGET_EXHAUSTED).isNotEqualTo(Kind.QUEUE_FULL);
    assertThat(budget.status()).isEqualTo(503);
    assertThat(budget.headers()).containsExactly(Map.entry("Retry-After", "5"));
  }

  @Test
  void sendsOneRetryAfterWithEveryBusyAnswer() {
    WebhookException storeDown = new WebhookException(Reason.STORE_UNAVAILABLE, "down");
    assertThat(WebhookOutcome.memoryBudgetExhausted().headers())
        .isEqualTo(WebhookOutcome.refused(new WebhookException(Reason.REPLAY_GUARD_FULL, "full"), "busy").headers())
        .isEqualTo(WebhookOutcome.storeUnavailable(WebhookParser.create().parse("type=x"), storeDown).headers())
        .containsEntry("Retry-After", Long.toString(WebhookOutcome.RETRY_AFTER_SECONDS));
  }

  @Test
  void keepsItsOwnUnmodifiableCopyOfTheHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Retry-After", "5");
    WebhookOutcome outcome =
        new WebhookOutcome(Kind.QUEUE_FULL, "busy", Optional.empty(), Optional.empty(), headers);

    headers.put("X-Other", "1");

    assertThat(outcome.headers()).containsExactly(Map.entry("Retry-After", "5"));
    assertThatThrownBy(() -> outcome.headers().put("A", "b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void countsOnly2xxAsSuccess() {
    assertThat(new WebhookOutcome(Kind.ACCEPTED, "accepted", Optional.empty(), Optional.empty(), Map.of()).isSuccess())
        .isTrue();
    assertThat(new WebhookOutcome(Kind.METHOD_NOT_ALLOWED, "no", Optional.empty(), Optional.empty(), Map.of())
        .isSuccess()).isFalse();
  }
}
