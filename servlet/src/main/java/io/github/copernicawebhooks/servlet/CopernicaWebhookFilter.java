package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookReceiver;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/** A servlet filter that receives, verifies and dispatches Copernica webhooks. */
public class CopernicaWebhookFilter implements Filter {
  // Contract only; the servlet work replaces the bodies.

  /** For web.xml: configured by init-params in {@link #init}. */
  public CopernicaWebhookFilter() {}

  /** For embedded servers and Spring: uses this receiver. */
  public CopernicaWebhookFilter(WebhookReceiver receiver) {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
