package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookOutcome;
import java.util.Locale;
import java.util.Optional;

/** What became of a call, in the console's words: one badge and one filter value each. */
enum Outcome {
  /** The handlers ran and returned. */
  HANDLED,
  /** The event was seen before and not dispatched again. */
  DUPLICATE,
  /** Accepted and waiting for a handler (asynchronous queue, or an inbox row not yet delivered). */
  QUEUED,
  /** Committed to the inbox; what became of it is in the inbox row. */
  STORED,
  /** A handler threw; in the inbox, it will be retried. */
  FAILED,
  /** The inbox gave up after its last attempt; it waits for a person to retry it. */
  DEAD,
  /** Refused for a reason (signature, account, date, body, method, content type, size). */
  REFUSED,
  /** Answered 503 with Retry-After: queue full, body memory exhausted, store unavailable. */
  BUSY,
  /** Something other than a handler failed unexpectedly. */
  ERROR;

  /** The lower-case name the JSON and the page use. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Outcome> fromLabel(String label) {
    for (Outcome outcome : values()) {
      if (outcome.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }

  /** Whether nothing more will happen to a call with this outcome (it may be purged). */
  boolean isFinal() {
    return this != QUEUED && this != FAILED && this != STORED;
  }

  /** The console outcome of a receiver outcome; kinds added later fall back on the status. */
  static Outcome of(WebhookOutcome outcome) {
    switch (outcome.kind()) {
      case HANDLED:
        return HANDLED;
      case DUPLICATE:
        return DUPLICATE;
      case ACCEPTED:
        return QUEUED;
      case HANDLER_FAILED:
        return FAILED;
      case INTERNAL_ERROR:
        return ERROR;
      case QUEUE_FULL:
      case MEMORY_BUDGET_EXHAUSTED:
      case STORE_UNAVAILABLE:
      case DUPLICATE_IN_PROGRESS:
        return BUSY;
      case STORED:
        return STORED;
      default:
        return byStatus(outcome);
    }
  }

  private static Outcome byStatus(WebhookOutcome outcome) {
    if (outcome.failure().isPresent()) {
      return REFUSED;
    }
    int status = outcome.status();
    if (status < 300) {
      return STORED;
    }
    return status == 503 ? BUSY : status >= 500 ? ERROR : REFUSED;
  }
}
