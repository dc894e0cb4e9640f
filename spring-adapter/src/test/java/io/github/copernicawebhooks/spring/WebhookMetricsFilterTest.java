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

  @Test
  void countsEveryOutcomeKindTheWebhookFilterLeftWithItsEvent() throws Exception {
    WebhookEvent event = TestEvents.parse(TestEvents.PROFILE_UPDATED);
    for (Kind kind : Kind.values()) {
      run(new WebhookOutcome(200, "ok", Optional.of(event), Optional.empty(), kind, Map.of()));
    }

    for (Kind kind : Kind.values()) {
      assertThat(count(WebhookMetricsFilter.outcomeTag(kind), "ProfileUpdated")).as(kind.name()).isEqualTo(1.0);
    }
  }

  @Test
  void tagsOutcomesWithoutAnEventWithNone() throws Exception {
    run(new WebhookOutcome(401, "signature verification failed", Optional.empty(), Optional.empty(),
        Kind.REJECTED_SIGNATURE, Map.of()));

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
