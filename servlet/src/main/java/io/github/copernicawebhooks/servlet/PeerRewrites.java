package io.github.copernicawebhooks.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what replaced a request's peer address with one taken from a proxy header before the console saw it,
 * where a web application can see it: Tomcat's {@code RemoteIpValve} and {@code RemoteIpFilter} mark the
 * request, Spring's {@code ForwardedHeaderFilter} wraps it. A connector-level rewrite (Jetty's
 * {@code ForwardedRequestCustomizer}) and a proxy on the same machine that adds no header leave no trace:
 * the console's local-only mode is documented as "loopback peer" for them.
 */
final class PeerRewrites {

  /** Tomcat's {@code Globals.REQUEST_FORWARDED_ATTRIBUTE}, set by its valve and filter when they trust the peer. */
  static final String TOMCAT_FORWARDED = "org.apache.tomcat.request.forwarded";

  private static final Map<String, String> WRAPPERS = Map.of(
      "org.springframework.web.filter.ForwardedHeaderFilter$ForwardedHeaderExtractingRequest",
      "Spring's ForwardedHeaderFilter",
      "org.apache.catalina.filters.RemoteIpFilter$XForwardedRequest", "Tomcat's RemoteIpFilter");

  private static final Map<String, String> FILTERS = Map.of(
      "org.apache.catalina.filters.RemoteIpFilter", "Tomcat's RemoteIpFilter");

  private PeerRewrites() {}

  /** What rewrote this request's peer, if anything visible did. */
  static Optional<String> of(ServletRequest request) {
    if (Boolean.TRUE.equals(request.getAttribute(TOMCAT_FORWARDED))) {
      return Optional.of("Tomcat's RemoteIpValve or RemoteIpFilter");
    }
    ServletRequest current = request;
    while (true) {
      String by = WRAPPERS.get(current.getClass().getName());
      if (by != null) {
        return Optional.of(by);
      }
      if (!(current instanceof ServletRequestWrapper)) {
        return Optional.empty();
      }
      current = ((ServletRequestWrapper) current).getRequest();
    }
  }

  /** A filter registered in this web application that rewrites the peer of the requests it trusts. */
  static Optional<String> registered(ServletContext context) {
    return context.getFilterRegistrations().values().stream()
        .map(registration -> FILTERS.get(registration.getClassName()))
        .filter(by -> by != null)
        .findFirst();
  }
}
