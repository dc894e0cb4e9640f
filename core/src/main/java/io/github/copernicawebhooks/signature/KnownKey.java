package io.github.copernicawebhooks.signature;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A key DNS returned for a name: when it was last confirmed, when a refresh was last tried, and why that
 * refresh brought no usable key, if it did not.
 */
record KnownKey(PublicKey key, Instant fetchedAt, Instant lastAttempt, @Nullable String lastProblem) {

  static KnownKey fetched(PublicKey key, Instant now) {
    return new KnownKey(key, now, now, null);
  }

  /** The same key, kept after a refresh that brought no usable key. */
  KnownKey keptAfter(String problem, Instant now) {
    return new KnownKey(key, fetchedAt, now, problem);
  }

  boolean isFresh(Instant now, Duration cacheTtl) {
    return now.isBefore(fetchedAt.plus(cacheTtl));
  }

  /** Whether the key may still be used, fresh or stale, while refreshes fail. */
  boolean isServable(Instant now, Duration cacheTtl, Duration maxStale) {
    return now.isBefore(fetchedAt.plus(cacheTtl).plus(maxStale));
  }

  /** Whether the last try is long enough ago to try DNS again for this name. */
  boolean mayRetry(Instant now, Duration retryInterval) {
    return !now.isBefore(lastAttempt.plus(retryInterval));
  }
}
