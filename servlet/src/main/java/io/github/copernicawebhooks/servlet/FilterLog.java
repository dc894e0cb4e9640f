package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.internal.LogLimiter;
import io.github.copernicawebhooks.internal.LogText;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The filter's own log lines, for refusals the receiver never sees. Values the client controls are escaped
 * and the lines are limited per reason, like the receiver's ({@link LogLimiter}).
 */
final class FilterLog {

  private static final Logger LOGGER = System.getLogger(CopernicaWebhookFilter.class.getName());

  private final LogLimiter limiter = new LogLimiter(LOGGER);

  void busy(HttpServletRequest request) {
    refused(Level.WARNING, "BUSY", request, "503 too many bodies in memory at once");
  }

  void unreadable(HttpServletRequest request, Exception failure) {
    refused(Level.INFO, "BODY_UNREADABLE", request, "400 body could not be read: " + failure);
  }

  void tooSlow(HttpServletRequest request, String reason) {
    refused(Level.WARNING, "BODY_TIMEOUT", request, "408 " + reason);
  }

  /** Once per filter: why this request's body is read blocking, which some containers cannot cut off in time. */
  void blocking(HttpServletRequest request) {
    LOGGER.log(Level.WARNING, "Copernica webhook filter: calls to {0} do not support asynchronous processing, so"
        + " bodies are read blocking and a container that ignores thread interrupts (Tomcat) can end a stalled"
        + " read only when its next bytes arrive. Declare <async-supported>true</async-supported> for this filter"
        + " and for every filter mapped before it.", LogText.escape(request.getRequestURI()));
  }

  private void refused(Level level, String reason, HttpServletRequest request, String what) {
    if (LOGGER.isLoggable(level) && limiter.permits(reason, level)) {
      String remote = request.getRemoteAddr();
      LOGGER.log(level, "Refused webhook call {0} {1}{2}: {3}", LogText.escape(request.getMethod()),
          LogText.escape(target(request)), remote == null ? "" : " from " + LogText.escape(remote),
          LogText.escape(what));
    }
  }

  private static String target(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
  }
}
