package io.github.copernicawebhooks.inbox.internal;

import org.jspecify.annotations.Nullable;

/**
 * The result of one attempt, waiting to be written.
 *
 * @param error null when the handler succeeded
 */
record Completion(long id, int attempt, long startedAt, long endedAt, @Nullable String error,
    @Nullable String stackTrace) {

  boolean succeeded() {
    return error == null;
  }
}
