package io.github.copernicawebhooks.signature;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The names added within a period, in fixed memory: one bit set (a Bloom filter) per slice of the period,
 * the oldest dropped as a new slice begins, so a name is remembered for the period at the least and one
 * slice more at the most.
 *
 * <p>It cannot be filled: a flood of other names never makes it forget a name younger than the period, it
 * only raises the rate of false positives ({@code contains} true for a name never added). With three bit
 * positions a name that rate is about 0.3% for a slice holding {@code 2^log2Bits / 20} names, 2% at {@code
 * / 10}, 9% at {@code / 5}, summed over the slices. Its callers are built so that a false positive costs
 * at most one DNS lookup or one refused call. Names come as fingerprints, a hash of the name and a secret
 * salt (see {@link LookupBudget}), so no one can pick names that collide with another. A slice's bit set is
 * allocated when it gets its first name. Not thread-safe.
 */
final class RecentNames {

  private static final int HASHES = 3;

  private final int mask;
  private final long sliceNanos;
  private final long[] @Nullable [] slices;
  private long newestSlice;

  /**
   * @param log2Bits the size of each slice's bit set, as a power of two (at most 2^30 bits)
   * @param period how long a name is remembered at the least
   * @param slices how many slices the period is cut in: a name is forgotten at most a slice after the period
   */
  RecentNames(int log2Bits, Duration period, int slices, Instant now) {
    if (log2Bits < 6 || log2Bits > 30 || slices < 1) {
      throw new IllegalArgumentException("log2Bits must be between 6 and 30 and slices positive, were "
          + log2Bits + " and " + slices);
    }
    this.mask = (1 << log2Bits) - 1;
    this.sliceNanos = Math.max(1, period.toNanos() / slices);
    this.slices = new long[slices + 1][];
    this.newestSlice = sliceOf(now);
  }

  void add(byte[] fingerprint, Instant now) {
    advance(now);
    int newest = index(newestSlice);
    long[] bits = slices[newest];
    if (bits == null) {
      bits = new long[(mask + 1) / Long.SIZE];
      slices[newest] = bits;
    }
    for (int position : positions(fingerprint)) {
      bits[position >>> 6] |= 1L << position;
    }
  }

  /** Whether the name was added within the period (or one slice more); rarely true for another name. */
  boolean contains(byte[] fingerprint, Instant now) {
    advance(now);
    int[] positions = positions(fingerprint);
    for (long @Nullable [] bits : slices) {
      if (isSetIn(bits, positions)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSetIn(long @Nullable [] bits, int[] positions) {
    if (bits == null) {
      return false;
    }
    for (int position : positions) {
      if ((bits[position >>> 6] & (1L << position)) == 0) {
        return false;
      }
    }
    return true;
  }

  private void advance(Instant now) {
    long reached = sliceOf(now);
    if (reached <= newestSlice) {
      return; // a clock set back keeps what it has: forgetting early would allow a second lookup
    }
    long dropped = Math.min(reached - newestSlice, slices.length);
    for (long i = 1; i <= dropped; i++) {
      slices[index(newestSlice + i)] = null;
    }
    newestSlice = reached;
  }

  private int index(long slice) {
    return (int) Math.floorMod(slice, (long) slices.length);
  }

  private long sliceOf(Instant now) {
    long nanos = Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
    return Math.floorDiv(nanos, sliceNanos);
  }

  private int[] positions(byte[] fingerprint) {
    int[] positions = new int[HASHES];
    for (int i = 0; i < HASHES; i++) {
      int offset = 4 * i;
      int value = (fingerprint[offset] & 0xff) << 24 | (fingerprint[offset + 1] & 0xff) << 16
          | (fingerprint[offset + 2] & 0xff) << 8 | (fingerprint[offset + 3] & 0xff);
      positions[i] = value & mask;
    }
    return positions;
  }
}
