package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Instant;

/**
 * Tokens as 64-bit keyed fingerprints ({@link SipHash} with a key drawn when the guard is made) with their
 * expiry in whole seconds, in {@link FingerprintTable} stripes of primitive arrays: 12 bytes a slot, no object
 * per token and no allocation per claim. Bits 32 and up of the fingerprint choose the stripe, so that claims
 * on different stripes do not wait for each other, and its low 32 bits the slot.
 *
 * <p>A small guard is one stripe that holds exactly its capacity. A large one has up to {@value #MAX_STRIPES}
 * stripes of at least {@value #MIN_STRIPE_SHARE} tokens each, each sized for its share of the capacity plus
 * eight standard deviations of how unevenly random fingerprints fall, so it holds at least its capacity (and
 * a little more). Many small stripes also keep each array under G1's humongous-object size. Expiry is kept
 * in whole seconds, rounded up, so a token is remembered up to a second longer than it must be, never
 * shorter.
 */
final class InMemoryReplayGuard implements ReplayGuard {

  static final int MAX_STRIPES = 128;
  static final int MIN_STRIPE_SHARE = 1 << 14;
  /** Below this capacity one stripe suffices, and holds the capacity exactly. */
  static final int STRIPED_FROM = 2 * MIN_STRIPE_SHARE;
  /** Seconds are stored unsigned in an {@code int}, from 1970 to 2106, shifted to compare as signed. */
  private static final long SECONDS_SHIFT = 1L << 31;
  private static final long MAX_SECONDS = (1L << 32) - 1;

  private final int capacity;
  private final SipHash hash = SipHash.withRandomKey();
  private final FingerprintTable[] stripes;

  InMemoryReplayGuard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("replay guard capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    int count = stripeCount(capacity);
    stripes = new FingerprintTable[count];
    for (int i = 0; i < count; i++) {
      stripes[i] = new FingerprintTable(count == 1 ? capacity : stripeLimit(capacity));
    }
  }

  /** A power of two, so that bits of the fingerprint choose the stripe. */
  static int stripeCount(int capacity) {
    return Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, capacity / MIN_STRIPE_SHARE)));
  }

  /** A stripe's share of the capacity with a margin of eight standard deviations (binomial spread). */
  static int stripeLimit(int capacity) {
    double share = Math.ceil(capacity / (double) stripeCount(capacity));
    return (int) Math.ceil(share + 8 * Math.sqrt(share));
  }

  @Override
  public boolean claim(String token, Instant now, Instant expiresAt) {
    long fingerprint = hash.hash(token);
    if (fingerprint == 0) {
      fingerprint = 1; // 0 marks an empty slot
    }
    FingerprintTable stripe = stripes[(int) (fingerprint >>> 32) & (stripes.length - 1)];
    int result = stripe.claim(fingerprint, seconds(now.getEpochSecond()), seconds(roundedUp(expiresAt)));
    if (result == FingerprintTable.FULL) {
      throw new WebhookException(Reason.REPLAY_GUARD_FULL, "the replay guard (capacity " + capacity
          + ") has no room for another token before older ones expire; refusing rather than forgetting one");
    }
    return result == FingerprintTable.CLAIMED;
  }

  private static long roundedUp(Instant instant) {
    long seconds = instant.getEpochSecond();
    return instant.getNano() == 0 || seconds == Long.MAX_VALUE ? seconds : seconds + 1;
  }

  private static int seconds(long epochSeconds) {
    return (int) (Math.max(0, Math.min(MAX_SECONDS, epochSeconds)) - SECONDS_SHIFT);
  }

  /** The entries held, expired ones not yet reused or swept out included. */
  int size() {
    int size = 0;
    for (FingerprintTable stripe : stripes) {
      size += stripe.size();
    }
    return size;
  }

  /** The bytes the tables take now. */
  long bytes() {
    long bytes = 0;
    for (FingerprintTable stripe : stripes) {
      bytes += stripe.bytes();
    }
    return bytes;
  }

  /** The bytes the tables take at their largest. */
  long maxBytes() {
    long bytes = 0;
    for (FingerprintTable stripe : stripes) {
      bytes += stripe.maxBytes();
    }
    return bytes;
  }
}
