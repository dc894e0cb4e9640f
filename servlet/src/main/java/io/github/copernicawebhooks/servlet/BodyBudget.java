package io.github.copernicawebhooks.servlet;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the bytes of request bodies held in memory at once, across all calls. Each body is held in full
 * while it is parsed and dispatched, so without a bound fifty concurrent 4 MiB bodies need far more heap
 * than a small server has. A call reserves its declared length (or the body limit when the length is not
 * declared) before its body is read, waits a bounded time when the budget is spent, and is answered 503
 * with {@code Retry-After} if it is still spent.
 */
final class BodyBudget {

  /** How long a call waits for room before it is answered 503 (tests of the filter may shorten or lengthen it). */
  static final Duration WAIT = Duration.ofSeconds(5);

  private static final int KIB = 1024;

  private final int capacityKib;
  private final Semaphore kibibytes;

  BodyBudget(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("body budget must be positive: " + bytes);
    }
    this.capacityKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / KIB));
    this.kibibytes = new Semaphore(capacityKib, true);
  }

  /** An eighth of the largest heap: room for the bodies and the copies parsing makes of them. */
  static BodyBudget forHeap() {
    return new BodyBudget(defaultBytes());
  }

  static long defaultBytes() {
    return Math.max(16L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * Reserves room for a body of this many bytes (a body larger than the whole budget reserves all of it),
   * waiting up to {@code wait}; {@code null} when there is no room by then.
   */
  @Nullable Lease reserve(long bodyBytes, Duration wait) {
    int kib = (int) Math.min(capacityKib, Math.max(1, (bodyBytes + KIB - 1) / KIB));
    try {
      if (!kibibytes.tryAcquire(kib, wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return null;
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return null;
    }
    return new Lease(kibibytes, kib);
  }

  /** Whether calls are waiting for room right now. */
  boolean isContended() {
    return kibibytes.hasQueuedThreads();
  }

  /** Room reserved for one body; closing it gives the room back, once, however often it is closed. */
  static final class Lease implements AutoCloseable {
    private final Semaphore kibibytes;
    private final int kib;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Semaphore kibibytes, int kib) {
      this.kibibytes = kibibytes;
      this.kib = kib;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        kibibytes.release(kib);
      }
    }
  }
}
