package io.github.copernicawebhooks.inbox.internal;

import java.util.function.LongSupplier;

/**
 * Keeps calls off a database known to be down: after {@code threshold} failures or time-outs in a row it
 * opens, and lets one probe through per interval until an attempt succeeds. So no call waits for a
 * connect timeout once the outage is known. A probe whose result is never reported cannot keep it shut: the
 * next interval lets another one through.
 */
final class CircuitBreaker {

  static final int DEFAULT_THRESHOLD = 3;
  static final long DEFAULT_OPEN_NANOS = 1_000_000_000L;

  private final int threshold;
  private final long openNanos;
  private final LongSupplier nanoTime;
  private int failures;
  private boolean open;
  private long lastTry;

  CircuitBreaker(int threshold, long openNanos, LongSupplier nanoTime) {
    this.threshold = threshold;
    this.openNanos = openNanos;
    this.nanoTime = nanoTime;
  }

  /** Whether a call may try the database; when open, one caller per interval is let through as the probe. */
  synchronized boolean allows() {
    if (!open) {
      return true;
    }
    long now = nanoTime.getAsLong();
    if (now - lastTry >= openNanos) {
      lastTry = now;
      return true;
    }
    return false;
  }

  /** Reports that an attempt {@link #allows} let through worked; closes the breaker. */
  synchronized void succeeded() {
    failures = 0;
    open = false;
  }

  /** Reports that an attempt failed or timed out; whether the breaker opened with it. */
  synchronized boolean failed() {
    failures++;
    boolean opening = !open && failures >= threshold;
    if (opening) {
      open = true;
      lastTry = nanoTime.getAsLong();
    }
    return opening;
  }

  synchronized boolean isOpen() {
    return open;
  }
}
