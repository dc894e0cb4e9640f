package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Counts every call to the webhook path by its outcome: the {@link WebhookOutcome} that the webhook filter
 * it wraps leaves in the request attribute {@link CopernicaWebhookFilter#OUTCOME_ATTRIBUTE}. A call that
 * ends without one (an exception between the two filters) counts as an internal error.
 */
final class WebhookMetricsFilter implements Filter {

  private final WebhookMetrics metrics;

  WebhookMetricsFilter(WebhookMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } finally {
      Object outcome = request.getAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE);
      if (outcome instanceof WebhookOutcome known) {
        metrics.count(outcomeTag(known.kind()), known.event().map(WebhookMetrics::eventName).orElse(WebhookMetrics.NO_EVENT));
      } else {
        metrics.count(outcomeTag(Kind.INTERNAL_ERROR), WebhookMetrics.NO_EVENT);
      }
    }
  }

  /** The outcome tag: the receiver's {@link Kind} in lower case with dashes, such as {@code rejected-signature}. */
  static String outcomeTag(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
