package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookMetricsFilterTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WebhookMetricsFilter filter =
      new WebhookMetricsFilter(new WebhookObservations(ObservationRegistry.NOOP, new WebhookMetrics(registry)));

  /** The tag of every kind, written out: dashboards and alerts are built on these names. */
  private static final Map<Kind, String> TAG_OF_KIND = Map.ofEntries(
      Map.entry(Kind.HANDLED, "handled"),
      Map.entry(Kind.DUPLICATE, "duplicate"),
      Map.entry(Kind.ACCEPTED, "accepted"),
      Map.entry(Kind.METHOD_NOT_ALLOWED, "method-not-allowed"),
      Map.entry(Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
      Map.entry(Kind.TOO_LARGE, "too-large"),
      Map.entry(Kind.MALFORMED, "malformed"),
      Map.entry(Kind.BODY_TIMEOUT, "body-timeout"),
      Map.entry(Kind.REJECTED_SIGNATURE, "rejected-signature"),
      Map.entry(Kind.KEY_UNAVAILABLE, "key-unavailable"),
      Map.entry(Kind.HANDLER_FAILED, "handler-failed"),
      Map.entry(Kind.QUEUE_FULL, "queue-full"),
      Map.entry(Kind.MEMORY_BUDGET_EXHAUSTED, "memory-budget-exhausted"),
      Map.entry(Kind.REPLAY_GUARD_FULL, "replay-guard-full"),
      Map.entry(Kind.INTERNAL_ERROR, "internal-error"),
      Map.entry(Kind.STORED, "stored"),
      Map.entry(Kind.SPOOLED, "spooled"),
      Map.entry(Kind.STORE_UNAVAILABLE, "store-unavailable"),
      Map.entry(Kind.DUPLICATE_IN_PROGRESS, "duplicate-in-progress"));

  @Test
  void countsEveryOutcomeKindTheWebhookFilterLeftWithItsEvent() throws Exception {
    assertThat(TAG_OF_KIND).as("a new kind needs its tag written here").containsOnlyKeys(Kind.values());
    WebhookEvent event = TestEvents.parse(TestEvents.PROFILE_UPDATED);
    for (Kind kind : Kind.values()) {
      run(new WebhookOutcome(kind, "ok", Optional.of(event), Optional.empty(), Map.of()));
    }

    TAG_OF_KIND.forEach((kind, tag) -> assertThat(count(tag, "ProfileUpdated")).as(kind.name()).isEqualTo(1.0));
  }

  /** A call the webhook filter goes on with asynchronously is counted when it completes, not before. */
  @Test
  void countsAnAsynchronousCallWhenItCompletes() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/copernica");
    request.setAsyncSupported(true);

    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
    double beforeCompletion = count("handled", "ProfileUpdated");
    request.setAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE, new WebhookOutcome(Kind.HANDLED, "ok",
        Optional.of(TestEvents.parse(TestEvents.PROFILE_UPDATED)), Optional.empty(), Map.of()));
    request.getAsyncContext().complete();

    assertThat(beforeCompletion).isZero();
    assertThat(count("handled", "ProfileUpdated")).isEqualTo(1.0);
    assertThat(count("internal-error", WebhookMetrics.NO_EVENT)).isZero();
  }

  @Test
  void tagsOutcomesWithoutAnEventWithNone() throws Exception {
    run(new WebhookOutcome(Kind.REJECTED_SIGNATURE, "signature verification failed", Optional.empty(),
        Optional.empty(), Map.of()));

    assertThat(count("rejected-signature", WebhookMetrics.NO_EVENT)).isEqualTo(1.0);
  }

  @Test
  void namesKindsInLowerCaseWithDashes() {
    assertThat(WebhookMetricsFilter.outcomeTag(Kind.UNSUPPORTED_MEDIA_TYPE)).isEqualTo("unsupported-media-type");
    assertThat(WebhookMetricsFilter.outcomeTag(Kind.HANDLED)).isEqualTo("handled");
  }

  @Test
  void countsACallThatEndedWithoutAnOutcomeAsAnInternalError() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/copernica");

    assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
      throw new IllegalStateException("broken before the webhook filter");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(count("internal-error", WebhookMetrics.NO_EVENT)).isEqualTo(1.0);
  }

  private void run(WebhookOutcome outcome) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/copernica");
    filter.doFilter(request, new MockHttpServletResponse(),
        (req, res) -> req.setAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE, outcome));
  }

  private double count(String outcome, String event) {
    Counter counter = registry.find(WebhookMetrics.REQUESTS).tag("outcome", outcome).tag("event", event).counter();
    return counter == null ? 0 : counter.count();
  }
}
