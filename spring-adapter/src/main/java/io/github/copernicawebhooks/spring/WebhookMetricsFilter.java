package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome.Kind;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Counts every call to the webhook path by its outcome. Runs just before the webhook filter and infers the
 * receiver's outcome kind from the status that filter answered (the rows of the HTTP contract), refined
 * by what the dispatch saw on this thread: a 200 without dispatch is a duplicate, a 500 is a handler
 * failure only when a handler threw, a 503 with {@code Retry-After} is a full queue.
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

  /** The outcome tag: the receiver's {@link Kind} in lower case with dashes, such as {@code rejected-signature}. */
  static String outcome(HttpServletResponse response, CurrentCall call) {
    return kind(response, call).name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static Kind kind(HttpServletResponse response, CurrentCall call) {
    int status = response.getStatus();
    switch (status) {
      case 200:
        return call.wasDispatched() ? Kind.HANDLED : Kind.DUPLICATE;
      case 202:
        return Kind.ACCEPTED;
      case 401:
        return Kind.REJECTED_SIGNATURE;
      case 405:
        return Kind.METHOD_NOT_ALLOWED;
      case 413:
        return Kind.TOO_LARGE;
      case 415:
        return Kind.UNSUPPORTED_MEDIA_TYPE;
      case 500:
        return call.hasHandlerFailed() ? Kind.HANDLER_FAILED : Kind.INTERNAL_ERROR;
      case 503:
        return response.containsHeader("Retry-After") ? Kind.QUEUE_FULL : Kind.KEY_UNAVAILABLE;
      default:
        return status < 300 ? Kind.HANDLED : status < 500 ? Kind.MALFORMED : Kind.INTERNAL_ERROR;
    }
  }
}
