package io.github.copernicawebhooks.console;

import java.time.Instant;
import java.util.Optional;

/**
 * One delivery of an event to the handlers.
 *
 * @param number 1 for the first
 * @param startedAt when it started (for a call handled while it was answered: when it was answered)
 * @param endedAt when it ended
 * @param succeeded whether every handler returned
 * @param error the exception's class and message, when one threw
 * @param stackTrace its stack trace, bounded
 * @param instance the instance that ran it, when known (inbox workers)
 */
record Attempt(
    int number,
    Instant startedAt,
    Instant endedAt,
    boolean succeeded,
    Optional<String> error,
    Optional<String> stackTrace,
    Optional<String> instance) {}
