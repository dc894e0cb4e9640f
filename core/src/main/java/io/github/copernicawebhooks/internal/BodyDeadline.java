package io.github.copernicawebhooks.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When reading one body must stop: at a fixed deadline, and earlier when the body arrives more slowly than
 * a minimum rate while other calls wait for room in the body budget. The rate is the average since reading
 * began, checked from the end of its first second on. So a stalled upload cannot keep genuine calls waiting
 * for memory (it loses its room within about a second, however it trickles), while a slow body that takes
 * nobody's room gets until the deadline: a busy server or network does not cost a genuine call.
 *
 * @param startNanos when reading began, in {@link System#nanoTime()}
 * @param timeoutNanos how long the whole body may take
 * @param minBytesPerSecond the slowest average rate accepted while others wait; {@code 0} for none
 * @param contended whether other calls wait for room in the body budget right now
 */
public record BodyDeadline(long startNanos, long timeoutNanos, long minBytesPerSecond, BooleanSupplier contended) {

  /** How long a body may arrive below the minimum rate before it can lose its room. */
  public static final long GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  /** How often a body below the rate is looked at again, in case other calls start to wait. */
  public static final long RECHECK_NANOS = Duration.ofMillis(100).toNanos();

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** A deadline only, without a rate: for discarding a refused body. */
  public static BodyDeadline fixed(long startNanos, Duration timeout) {
    return new BodyDeadline(startNanos, timeout.toNanos(), 0, () -> false);
  }

  /** Whether reading must stop at {@code nowNanos} when {@code received} bytes came so far. */
  public boolean hasExpired(long nowNanos, long received) {
    if (nowNanos - deadline() >= 0) {
      return true;
    }
    return minBytesPerSecond > 0 && nowNanos - slowFrom(received) > 0 && contended.getAsBoolean();
  }

  /** When to look again if it has not expired: when it would, or soon again once the body is too slow. */
  public long nextCheck(long nowNanos, long received) {
    if (minBytesPerSecond <= 0) {
      return deadline();
    }
    long slowFrom = Math.min(slowFrom(received), deadline());
    return nowNanos - slowFrom < 0 ? slowFrom : Math.min(deadline(), nowNanos + RECHECK_NANOS);
  }

  private long deadline() {
    return startNanos + timeoutNanos;
  }

  /** From when on the body has arrived below the rate, if no more than {@code received} bytes come. */
  private long slowFrom(long received) {
    return startNanos + Math.max(GRACE_NANOS, (long) (received * (double) NANOS_PER_SECOND / minBytesPerSecond));
  }

  /** Why reading stopped at {@code nowNanos}, for the log. */
  public String reason(long nowNanos, long received) {
    long elapsedMillis = Math.max(0, (nowNanos - startNanos) / 1_000_000);
    if (nowNanos - deadline() >= 0) {
      return "body not complete after " + elapsedMillis + " ms (" + received + " bytes)";
    }
    return "body arrived at fewer than " + minBytesPerSecond + " bytes a second (" + received + " bytes in "
        + elapsedMillis + " ms) while other calls waited for memory";
  }
}
