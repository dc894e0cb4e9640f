package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts every call to the webhook path by its outcome: the {@link WebhookOutcome} that the webhook filter
 * it wraps leaves in the request attribute {@link CopernicaWebhookFilter#OUTCOME_ATTRIBUTE}. A call that
 * ends without one (an exception between the two filters) counts as an internal error. A call the webhook
 * filter goes on with asynchronously (it reads bodies with non-blocking I/O) is counted when it completes.
 */
final class WebhookMetricsFilter implements Filter {

  private final WebhookMetrics metrics;

  WebhookMetricsFilter(WebhookMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Counts when the chain returns, or, when the webhook filter went on reading the body asynchronously,
   * when the request's asynchronous processing completes: only then is its outcome known.
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean asynchronous = false;
    try {
      chain.doFilter(request, response);
      asynchronous = countWhenComplete(request);
    } finally {
      if (!asynchronous) {
        count(request);
      }
    }
  }

  /** Whether the call goes on asynchronously, and is counted when it completes. */
  private boolean countWhenComplete(ServletRequest request) {
    if (!request.isAsyncStarted()) {
      return false;
    }
    try {
      request.getAsyncContext().addListener(new CountWhenComplete(request));
      return true;
    } catch (IllegalStateException completed) {
      return false; // completed meanwhile: the outcome is there
    }
  }

  private void count(ServletRequest request) {
    Object outcome = request.getAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE);
    if (outcome instanceof WebhookOutcome known) {
      metrics.count(outcomeTag(known.kind()), known.event().map(WebhookMetrics::eventName).orElse(WebhookMetrics.NO_EVENT));
    } else {
      metrics.count(outcomeTag(Kind.INTERNAL_ERROR), WebhookMetrics.NO_EVENT);
    }
  }

  /** Counts an asynchronously completed call once, whichever way its processing ended. */
  private final class CountWhenComplete implements AsyncListener {
    private final ServletRequest request;
    private final AtomicBoolean counted = new AtomicBoolean();

    CountWhenComplete(ServletRequest request) {
      this.request = request;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      if (counted.compareAndSet(false, true)) {
        count(request);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }

  /** The outcome tag: the receiver's {@link Kind} in lower case with dashes, such as {@code rejected-signature}. */
  static String outcomeTag(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
