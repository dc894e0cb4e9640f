package io.github.copernicawebhooks.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Counts every call to the webhook path by the status the webhook filter answered. Runs just before it. */
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
      metrics.countCall(((HttpServletResponse) response).getStatus(), call.event());
    }
  }
}
