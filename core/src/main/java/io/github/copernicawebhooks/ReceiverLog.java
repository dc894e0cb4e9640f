package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.internal.LogLimiter;
import io.github.copernicawebhooks.internal.LogText;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The receiver's log lines: one per refused or failed call, none for a call that succeeded. Every value a
 * client controls is escaped ({@link LogText}), and refusals are limited per reason and receiver
 * ({@link LogLimiter}), so a flood of bad calls can neither forge lines nor fill the disk.
 */
final class ReceiverLog {

  private static final Logger LOGGER = System.getLogger(WebhookReceiver.class.getName());

  private ReceiverLog() {}

  static void signatureOff() {
    LOGGER.log(
        Level.WARNING,
        "Copernica webhook signature verification is OFF: any caller can post events. Never do this in production.");
  }

  /** A limiter of refusal lines for one receiver. */
  static LogLimiter refusalLimiter() {
    return new LogLimiter(LOGGER);
  }

  /** Verification failures and unavailable keys are warnings; other refusals are routine client errors. */
  static void refused(LogLimiter limiter, WebhookRequest request, WebhookException failure) {
    int status = WebhookOutcome.Kind.of(failure.reason()).status();
    Level level = failure.reason().isVerificationFailure() || status >= 500
        ? Level.WARNING
        : Level.INFO;
    if (LOGGER.isLoggable(level) && limiter.permits(failure.reason().name(), level)) {
      LOGGER.log(
          level,
          "Refused webhook call {0}{1}: {2} {3}: {4}",
          call(request),
          from(request),
          status,
          failure.reason(),
          LogText.escape(failure.getMessage()));
    }
  }

  static void handlerFailed(WebhookRequest request, WebhookEvent event, Exception exception) {
    LOGGER.log(
        Level.ERROR,
        "Webhook handler failed for " + describe(event) + " in call " + call(request) + from(request),
        exception);
  }

  /** A handler failed after the call was answered 202: the log is the only trace left. */
  static void asyncHandlerFailed(WebhookRequest request, WebhookEvent event, Exception exception) {
    LOGGER.log(
        Level.ERROR,
        "Webhook handler failed asynchronously for " + describe(event) + " accepted in call " + call(request)
            + from(request) + "; the call was already answered 202, so the sender will not retry it",
        exception);
  }

  static void queueFull(LogLimiter limiter, WebhookRequest request, WebhookEvent event) {
    if (!limiter.permits(WebhookOutcome.Kind.QUEUE_FULL.name(), Level.WARNING)) {
      return;
    }
    LOGGER.log(
        Level.WARNING,
        "Refused webhook call {0}{1}: 503 asynchronous queue full (or shutting down) for {2}",
        call(request),
        from(request),
        describe(event));
  }

  /** A duplicate of a body still being handled here: answered 503 so that it is retried, not lost. */
  static void duplicateInProgress(LogLimiter limiter, WebhookRequest request, WebhookEvent event) {
    if (!limiter.permits(WebhookOutcome.Kind.DUPLICATE_IN_PROGRESS.name(), Level.INFO)) {
      return;
    }
    LOGGER.log(
        Level.INFO,
        "Refused webhook call {0}{1}: 503 the same body is still being handled ({2}); the sender should retry",
        call(request),
        from(request),
        describe(event));
  }

  static void notDrained(int notHandled, int neverStarted, java.time.Duration timeout) {
    LOGGER.log(
        Level.ERROR,
        "{0} accepted webhook events were not handled within the shutdown wait of {1} ({2} never started,"
            + " the others interrupted while running)",
        notHandled,
        timeout,
        neverStarted);
  }

  static void deduplicationFailed(String step, RuntimeException exception) {
    LOGGER.log(
        Level.WARNING,
        "Webhook de-duplication store failed to " + step + "; dispatching without de-duplication", exception);
  }

  static void internalError(WebhookRequest request, String step, RuntimeException exception) {
    LOGGER.log(Level.ERROR, "Webhook " + step + " failed unexpectedly in call " + call(request) + from(request), exception);
  }

  /** The event type and its ids, for example {@code SubprofileUpdated subprofile=7 profile=3 collection=2}. */
  static String describe(WebhookEvent event) {
    StringBuilder text = new StringBuilder(event.getClass().getSimpleName());
    if (event instanceof SubprofileEvent) {
      SubprofileEvent subprofileEvent = (SubprofileEvent) event;
      text.append(" subprofile=").append(subprofileEvent.subprofileId());
      text.append(" profile=").append(subprofileEvent.profileId());
    } else if (event instanceof ProfileEvent) {
      text.append(" profile=").append(((ProfileEvent) event).profileId());
    } else if (event instanceof EmailEvent) {
      EmailEvent emailEvent = (EmailEvent) event; // no recipient: an address is personal data
      text.append(" message=").append(printable(emailEvent.messageId()));
      emailEvent.profileId().ifPresent(id -> text.append(" profile=").append(id));
      emailEvent.mailingId().ifPresent(id -> text.append(" mailing=").append(id));
    } else {
      text.append(" type=").append(printable(event.type()));
    }
    event.collectionId().ifPresent(id -> text.append(" collection=").append(id));
    event.databaseId().ifPresent(id -> text.append(" database=").append(id));
    return text.toString();
  }

  /** Keeps sender-controlled text of an event on one short log line. */
  private static String printable(String text) {
    return LogText.escape(text.length() > 64 ? text.substring(0, 64) + "..." : text);
  }

  /** Method and target as the client sent them, escaped. */
  static String call(WebhookRequest request) {
    return LogText.escape(request.method()) + " " + LogText.escape(request.target());
  }

  static String from(WebhookRequest request) {
    return request.remoteAddress().map(address -> " from " + LogText.escape(address)).orElse("");
  }
}
