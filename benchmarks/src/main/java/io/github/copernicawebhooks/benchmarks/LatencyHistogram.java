package io.github.copernicawebhooks.benchmarks;

/**
 * Latencies in nanoseconds, in log-linear buckets (64 per power of two, so within about 1.6%), without
 * allocating per sample. Not thread-safe: one per client thread, merged at the end.
 */
final class LatencyHistogram {
  private static final int SUB_BUCKET_BITS = 6;
  private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
  private static final int LINEAR_LIMIT = 2 * SUB_BUCKETS;
  private static final int BUCKETS = LINEAR_LIMIT + (63 - (SUB_BUCKET_BITS + 1)) * SUB_BUCKETS;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  void record(long nanos) {
    long value = Math.max(0, nanos);
    counts[indexOf(value)]++;
    total++;
    max = Math.max(max, value);
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }

  long count() {
    return total;
  }

  long maxNanos() {
    return max;
  }

  /** The latency that {@code fraction} of the samples do not exceed (within the bucket precision). */
  long percentileNanos(double fraction) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, upperBoundOf(i));
      }
    }
    return max;
  }

  private static int indexOf(long value) {
    if (value < LINEAR_LIMIT) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int shift = exponent - SUB_BUCKET_BITS;
    int mantissa = (int) (value >>> shift) - SUB_BUCKETS;
    return LINEAR_LIMIT + (exponent - SUB_BUCKET_BITS - 1) * SUB_BUCKETS + mantissa;
  }

  private static long upperBoundOf(int index) {
    if (index < LINEAR_LIMIT) {
      return index;
    }
    int exponent = (index - LINEAR_LIMIT) / SUB_BUCKETS + SUB_BUCKET_BITS + 1;
    int shift = exponent - SUB_BUCKET_BITS;
    long mantissa = (index - LINEAR_LIMIT) % SUB_BUCKETS + SUB_BUCKETS;
    return ((mantissa + 1) << shift) - 1;
  }
}
