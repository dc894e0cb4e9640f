package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.micrometer.observation.Observation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * Observes and counts every call to the webhook path by its outcome: the {@link WebhookOutcome} that the
 * webhook filter it wraps leaves in the request attribute {@link CopernicaWebhookFilter#OUTCOME_ATTRIBUTE}.
 * A call that ends without one (an exception between the two filters) counts as an internal error.
 */
final class WebhookMetricsFilter implements Filter {

  private final WebhookObservations observations;

  WebhookMetricsFilter(WebhookObservations observations) {
    this.observations = observations;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Observation observation = observations.startCall(null);
    try (Observation.Scope scope = observation.openScope()) {
      chain.doFilter(request, response);
    } finally {
      Object outcome = request.getAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE);
      observations.stopCall(observation, outcome instanceof WebhookOutcome known ? known : null);
    }
  }

  /** The outcome tag: the receiver's {@link Kind} in lower case with dashes, such as {@code rejected-signature}. */
  static String outcomeTag(Kind kind) {
    return WebhookObservations.outcomeTag(kind);
  }
}
