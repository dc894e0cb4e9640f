package io.github.copernicawebhooks.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the bytes of request bodies held in memory at once, across all calls of one adapter (the servlet
 * filter's, the WebFlux endpoint's). Each body is held in full
 * while it is parsed and dispatched, so without a bound fifty concurrent 4 MiB bodies need far more heap
 * than a small server has. A call reserves its declared length (or the body limit when the length is not
 * declared) before its body is read, waits a bounded time when the budget is spent, and is answered 503
 * with {@code Retry-After} if it is still spent.
 *
 * <p>Waiting calls get room smallest first, and among equals first come, first served: a large body that
 * does not fit yet never blocks a small one behind it that does (Copernica's calls are mostly small, and a
 * large waiter may be a stalled upload).
 */
public final class BodyBudget {

  /** How long a call waits for room before it is answered 503 (tests of the adapters may shorten or lengthen it). */
  public static final Duration WAIT = Duration.ofSeconds(5);

  private static final int KIB = 1024;

  private final long capacityKib;
  private long availableKib;
  private long arrivals;
  private final PriorityQueue<Waiter> waiters =
      new PriorityQueue<>(Comparator.comparingLong(Waiter::kib).thenComparingLong(Waiter::arrival));

  public BodyBudget(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("body budget must be positive: " + bytes);
    }
    this.capacityKib = Math.max(1, bytes / KIB);
    this.availableKib = capacityKib;
  }

  /** An eighth of the largest heap: room for the bodies and the copies parsing makes of them. */
  public static BodyBudget forHeap() {
    return new BodyBudget(defaultBytes());
  }

  public static long defaultBytes() {
    return Math.max(16L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * Reserves room for a body of this many bytes (a body larger than the whole budget reserves all of it),
   * waiting up to {@code wait}; {@code null} when there is no room by then.
   */
  public synchronized @Nullable Lease reserve(long bodyBytes, Duration wait) {
    Waiter waiter = new Waiter(Math.min(capacityKib, Math.max(1, (bodyBytes + KIB - 1) / KIB)), arrivals++);
    waiters.add(waiter);
    grant();
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (!waiter.granted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          waiters.remove(waiter);
          return null;
        }
        wait(left / 1_000_000, (int) (left % 1_000_000));
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      if (!waiter.granted) {
        waiters.remove(waiter);
        return null;
      }
    }
    return new Lease(this, waiter.kib);
  }

  /** The bytes not reserved right now, in whole KiB (for tests that wait for a state of the budget). */
  public synchronized long availableBytes() {
    return availableKib * KIB;
  }

  /** How many calls wait for room right now (for tests). */
  public synchronized int waiting() {
    return waiters.size();
  }

  /** Whether calls are waiting for room right now. */
  public synchronized boolean isContended() {
    return !waiters.isEmpty();
  }

  private synchronized void release(long kib) {
    availableKib += kib;
    grant();
  }

  /** Gives room to the waiters in order while the first fits, and wakes them. */
  private void grant() {
    boolean granted = false;
    while (!waiters.isEmpty() && waiters.peek().kib <= availableKib) {
      Waiter next = waiters.poll();
      availableKib -= next.kib;
      next.granted = true;
      granted = true;
    }
    if (granted) {
      notifyAll();
    }
  }

  /** A call waiting for room; granted under the budget's lock. */
  private static final class Waiter {
    private final long kib;
    private final long arrival;
    private boolean granted;

    Waiter(long kib, long arrival) {
      this.kib = kib;
      this.arrival = arrival;
    }

    long kib() {
      return kib;
    }

    long arrival() {
      return arrival;
    }
  }

  /** Room reserved for one body; closing it gives the room back, once, however often it is closed. */
  public static final class Lease implements AutoCloseable {
    private final BodyBudget budget;
    private final long kib;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(BodyBudget budget, long kib) {
      this.budget = budget;
      this.kib = kib;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        budget.release(kib);
      }
    }
  }
}
