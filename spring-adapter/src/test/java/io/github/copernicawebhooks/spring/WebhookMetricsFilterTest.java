package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookMetricsFilterTest {

  private final CurrentCall call = CurrentCall.open();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @AfterEach
  void closeCall() {
    call.close();
  }

  @Test
  void namesADispatched200Handled() {
    CurrentCall.dispatched("ProfileUpdated");
    assertThat(outcome(200)).isEqualTo("handled");
    assertThat(call.event()).isEqualTo("ProfileUpdated");
  }

  @Test
  void namesA200WithoutDispatchDuplicate() {
    assertThat(outcome(200)).isEqualTo("duplicate");
    assertThat(call.event()).isEqualTo("none");
  }

  @Test
  void namesA500HandlerFailedOnlyWhenAHandlerThrew() {
    assertThat(outcome(500)).isEqualTo("internal-error");
    CurrentCall.handlerFailed();
    assertThat(outcome(500)).isEqualTo("handler-failed");
  }

  @Test
  void tellsAFullQueueFromAnUnavailableKeyByRetryAfter() {
    assertThat(outcome(503)).isEqualTo("key-unavailable");
    response.setHeader("Retry-After", "5");
    assertThat(outcome(503)).isEqualTo("queue-full");
  }

  @Test
  void namesEveryRefusalOfTheHttpContract() {
    assertThat(outcome(400)).isEqualTo("malformed");
    assertThat(outcome(401)).isEqualTo("rejected-signature");
    assertThat(outcome(405)).isEqualTo("method-not-allowed");
    assertThat(outcome(413)).isEqualTo("too-large");
    assertThat(outcome(415)).isEqualTo("unsupported-media-type");
    assertThat(outcome(202)).isEqualTo("accepted");
    assertThat(outcome(422)).isEqualTo("malformed");
    assertThat(outcome(502)).isEqualTo("internal-error");
  }

  @Test
  void namesEveryOutcomeKindOfTheReceiver() {
    Set<String> named = new HashSet<>();
    for (int status : new int[] {200, 202, 400, 401, 405, 413, 415, 500, 503}) {
      named.add(outcome(status));
    }
    CurrentCall.dispatched("ProfileUpdated");
    CurrentCall.handlerFailed();
    response.setHeader("Retry-After", "5");
    for (int status : new int[] {200, 500, 503}) {
      named.add(outcome(status));
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.stream(WebhookOutcome.Kind.values())
        .map(kind -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .toList());
  }

  @Test
  void recordsNothingOutsideACall() {
    call.close();
    CurrentCall.dispatched("ProfileUpdated");
    CurrentCall.handlerFailed();
    CurrentCall next = CurrentCall.open();
    assertThat(next.wasDispatched()).isFalse();
    assertThat(next.hasHandlerFailed()).isFalse();
    next.close();
  }

  private String outcome(int status) {
    response.setStatus(status);
    return WebhookMetricsFilter.outcome(response, call);
  }
}
