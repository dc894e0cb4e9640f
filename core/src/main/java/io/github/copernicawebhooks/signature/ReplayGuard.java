package io.github.copernicawebhooks.signature;

import java.time.Instant;

/**
 * Remembers which signed requests were already accepted, so a captured request cannot be sent again.
 *
 * <p>The verifier asks only after the signature and the body's digest have verified, so unsigned traffic
 * cannot fill the store.
 * The default keeps tokens in memory; users who run several receivers behind one URL can plug in a
 * shared store (Redis {@code SET key 1 NX PXAT expiresAt}, a database table with a unique key).
 */
@FunctionalInterface
public interface ReplayGuard {

  /**
   * Default number of tokens the in-memory guard keeps: more than the 2.7 million that 9 000 verified calls a
   * second (about the most one instance verifies) bring in a five-minute window, in at most 48.2 MiB.
   */
  int DEFAULT_CAPACITY = 3_000_000;

  /**
   * Claims a token, atomically: records it and says whether this is its first use (the vocabulary of
   * {@link io.github.copernicawebhooks.EventDeduplicator#claim}).
   *
   * @param token the {@code X-Nonce} value, or the decoded signature when the request has no nonce
   * @param now the verifier's current time
   * @param expiresAt the last instant the request could still be accepted (its {@code Date} plus the
   *     tolerance); the token may be forgotten after it
   * @return {@code true} when the token was not seen before (or its earlier record has expired); {@code
   *     false} for a replay
   * @throws io.github.copernicawebhooks.WebhookException with reason {@code REPLAY_GUARD_FULL} when the token
   *     cannot be recorded (no room before older tokens expire): the call is then answered 503 with {@code
   *     Retry-After}. A guard must never make room by forgetting tokens that have not expired, or a captured
   *     request could be replayed.
   */
  boolean claim(String token, Instant now, Instant expiresAt);

  /** An in-memory guard holding at most {@link #DEFAULT_CAPACITY} tokens. */
  static ReplayGuard inMemory() {
    return inMemory(DEFAULT_CAPACITY);
  }

  /**
   * An in-memory guard holding at least {@code capacity} tokens (exactly that many below 32 768; a larger
   * guard is striped, and each stripe has a small margin). It keeps a 64-bit fingerprint of each token, keyed
   * with a secret drawn when the guard is made, and its expiry in whole seconds: 12 bytes a slot, at most 16.8
   * bytes a token when full. Two different tokens share a fingerprint with a chance of about one in 2^64 per
   * token held, so a genuine call is taken for a replay about once in 6 * 10^12 calls when the guard holds 3
   * million tokens. Expired tokens are forgotten; when it is full of tokens that have not expired, it fails
   * closed: new calls are refused with {@code REPLAY_GUARD_FULL} (503 with {@code Retry-After}) until older
   * tokens expire. Size it above the number of calls one tolerance window (twice the tolerance) brings.
   */
  static ReplayGuard inMemory(int capacity) {
    return new InMemoryReplayGuard(capacity);
  }
}
