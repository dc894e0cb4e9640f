package io.github.copernicawebhooks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * One call's claim on its body's hash in the de-duplication store. A store that fails is logged and
 * treated as absent: a duplicate handled twice is better than an event lost.
 *
 * <p>The receiver also marks the body as in flight from before the claim until after the claim is kept or
 * released. A duplicate that finds the mark is neither dispatched nor acknowledged as handled: the first
 * copy may still fail, and then the duplicate is the sender's only retry, so it is answered "try again".
 * Because the mark covers the whole claim, a duplicate sees either the mark or the claim's final state.
 */
final class DeduplicationClaim {

  private static final DeduplicationClaim NONE = new DeduplicationClaim(null, null, "", State.CLAIMED);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private enum State { CLAIMED, DUPLICATE, IN_PROGRESS }

  private final @Nullable EventDeduplicator store;
  private final @Nullable ConcurrentMap<String, Boolean> inFlight;
  private final String key;
  private final State state;

  private DeduplicationClaim(@Nullable EventDeduplicator store, @Nullable ConcurrentMap<String, Boolean> inFlight,
      String key, State state) {
    this.store = store;
    this.inFlight = inFlight;
    this.key = key;
    this.state = state;
  }

  /**
   * Claims the body in the store, or returns a claim that does nothing when there is no store.
   *
   * @param inFlight the receiver's bodies whose dispatch has not finished
   */
  static DeduplicationClaim claim(@Nullable EventDeduplicator store, ConcurrentMap<String, Boolean> inFlight, byte[] body) {
    if (store == null) {
      return NONE;
    }
    String key = sha256Hex(body);
    if (inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
      return new DeduplicationClaim(null, null, key, State.IN_PROGRESS);
    }
    boolean claimed;
    try {
      claimed = store.claim(key);
    } catch (RuntimeException failure) {
      ReceiverLog.deduplicationFailed("claim", failure);
      return new DeduplicationClaim(null, inFlight, key, State.CLAIMED);
    }
    if (!claimed) {
      inFlight.remove(key);
      return new DeduplicationClaim(null, null, key, State.DUPLICATE);
    }
    return new DeduplicationClaim(store, inFlight, key, State.CLAIMED);
  }

  /** Whether the body was handled before: the event must not be dispatched again. */
  boolean isDuplicate() {
    return state == State.DUPLICATE;
  }

  /** Whether the same body is being dispatched right now and may still fail: the sender must retry. */
  boolean isInProgress() {
    return state == State.IN_PROGRESS;
  }

  /**
   * Ends the dispatch: keeps the claim when the event was handled, or forgets it so that a retry is
   * dispatched; then lifts the in-flight mark.
   */
  void finish(boolean handled) {
    try {
      if (!handled && store != null) {
        store.release(key);
      }
    } catch (RuntimeException failure) {
      ReceiverLog.deduplicationFailed("release", failure);
    } finally {
      if (inFlight != null) {
        inFlight.remove(key);
      }
    }
  }

  static String sha256Hex(byte[] body) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java platform has SHA-256", impossible);
    }
    char[] text = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      text[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      text[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(text);
  }
}
