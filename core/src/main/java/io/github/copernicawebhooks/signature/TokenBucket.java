package io.github.copernicawebhooks.signature;

import java.time.Duration;
import java.time.Instant;

/** Up to {@code capacity} takes at once, refilled evenly at {@code capacity} a minute. Not thread-safe. */
final class TokenBucket {

  private static final double NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

  private final int capacity;
  private double tokens;
  private Instant refilledAt;

  TokenBucket(int capacity, Instant now) {
    this.capacity = capacity;
    this.tokens = capacity;
    this.refilledAt = now;
  }

  boolean tryTake(Instant now) {
    refill(now);
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }

  private void refill(Instant now) {
    if (now.isAfter(refilledAt)) {
      double minutes = Duration.between(refilledAt, now).toNanos() / NANOS_PER_MINUTE;
      tokens = Math.min(capacity, tokens + minutes * capacity);
      refilledAt = now;
    }
  }
}
