package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of the list, from memory or from the inbox.
 *
 * @param id {@code m<number>} for a call in memory, {@code i<number>} for an inbox row
 * @param time when it was answered (memory) or received (inbox)
 * @param outcome what became of it
 * @param status the HTTP status answered, when known
 * @param reason why it was refused
 * @param ids event type and ids
 * @param attempts handler runs so far
 * @param nextAttemptAt when the inbox tries again
 * @param method the HTTP method
 * @param target path and query
 * @param lastError the last handler error, class and message
 */
record CallSummary(
    String id,
    Instant time,
    Outcome outcome,
    OptionalInt status,
    Optional<Reason> reason,
    EventIds ids,
    int attempts,
    Optional<Instant> nextAttemptAt,
    String method,
    String target,
    Optional<String> lastError) {

  /** Whether "retry now" applies: an inbox row that failed or is dead. */
  boolean isRetryable() {
    return id.startsWith(CallSource.INBOX_PREFIX) && (outcome == Outcome.FAILED || outcome == Outcome.DEAD);
  }

  /** Whether "deliver again" applies: an inbox row that was handled. */
  boolean isRedeliverable() {
    return id.startsWith(CallSource.INBOX_PREFIX) && outcome == Outcome.HANDLED;
  }
}
