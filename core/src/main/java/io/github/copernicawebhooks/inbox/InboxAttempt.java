package io.github.copernicawebhooks.inbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One handler attempt of a stored event.
 *
 * @param number the attempt's number, from 1
 * @param startedAt when the worker called the handler
 * @param endedAt when the handler returned or threw
 * @param succeeded whether the handler returned without an exception
 * @param error for a failed attempt, the exception's class and message (shortened)
 * @param stackTrace for a failed attempt, the exception's stack trace (shortened)
 * @param instanceId the {@linkplain InboxSettings#instanceId() instance} whose worker made the attempt
 */
public record InboxAttempt(
    int number,
    Instant startedAt,
    Instant endedAt,
    boolean succeeded,
    Optional<String> error,
    Optional<String> stackTrace,
    String instanceId) {

  public InboxAttempt {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(stackTrace, "stackTrace");
    Objects.requireNonNull(instanceId, "instanceId");
  }
}
