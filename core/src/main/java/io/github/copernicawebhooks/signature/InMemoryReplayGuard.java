package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Instant;

/**
 * Tokens as 64-bit keyed fingerprints ({@link SipHash} with a key drawn when the guard is made) with their
 * expiry in whole seconds, in {@link FingerprintTable} stripes of primitive arrays: 12 bytes a slot, no object
 * per token and no allocation per claim. The fingerprint's top bits choose the stripe, so that claims on
 * different stripes do not wait for each other, and its low bits the slot.
 *
 * <p>A small guard is one stripe that holds exactly its capacity. A large one has {@value #STRIPES} stripes,
 * each sized for its share of the capacity plus eight standard deviations of how unevenly random
 * fingerprints fall, so it holds at least its capacity (and a little more). Expiry is kept in whole seconds,
 * rounded up, so a token is remembered up to a second longer than it must be, never shorter.
 */
final class InMemoryReplayGuard implements ReplayGuard {

  static final int STRIPES = 16;
  /** Below this capacity one stripe suffices, and holds the capacity exactly. */
  static final int STRIPED_FROM = 1 << 16;
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
    int count = capacity < STRIPED_FROM ? 1 : STRIPES;
    stripes = new FingerprintTable[count];
    for (int i = 0; i < count; i++) {
      stripes[i] = new FingerprintTable(count == 1 ? capacity : stripeLimit(capacity));
    }
  }

  /** A stripe's share of the capacity with a margin of eight standard deviations (binomial spread). */
  static int stripeLimit(int capacity) {
    double share = Math.ceil(capacity / (double) STRIPES);
    return (int) Math.ceil(share + 8 * Math.sqrt(share));
  }

  @Override
  public boolean claim(String token, Instant now, Instant expiresAt) {
    long fingerprint = hash.hash(token);
    if (fingerprint == 0) {
      fingerprint = 1; // 0 marks an empty slot
    }
    FingerprintTable stripe = stripes[(int) (fingerprint >>> 60) & (stripes.length - 1)];
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
