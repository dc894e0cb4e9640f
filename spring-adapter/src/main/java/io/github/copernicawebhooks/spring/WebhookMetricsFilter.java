package io.github.copernicawebhooks.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts every call to the webhook path by its outcome. Runs just before the webhook filter and names the
 * outcome after the status that filter answered (the rows of the HTTP contract), refined by what the
 * dispatch saw on this thread: a 200 without dispatch is a duplicate, a 500 is a handler failure only
 * when a handler threw.
 */
final class WebhookMetricsFilter implements Filter {

  private final WebhookMetrics metrics;

  WebhookMetricsFilter(WebhookMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    CurrentCall call = CurrentCall.open();
    try {
      chain.doFilter(request, response);
    } finally {
      call.close();
      metrics.count(outcome((HttpServletResponse) response, call), call.event());
    }
  }

  static String outcome(HttpServletResponse response, CurrentCall call) {
    int status = response.getStatus();
    switch (status) {
      case 200:
        return call.wasDispatched() ? "handled" : "duplicate";
      case 202:
        return "accepted";
      case 400:
        return "malformed";
      case 401:
        return "rejected-signature";
      case 405:
        return "method-not-allowed";
      case 413:
        return "too-large";
      case 415:
        return "unsupported-media-type";
      case 500:
        return call.hasHandlerFailed() ? "handler-failed" : "internal-error";
      case 503:
        return response.containsHeader("Retry-After") ? "queue-full" : "key-unavailable";
      default:
        return "status-" + status;
    }
  }
}
