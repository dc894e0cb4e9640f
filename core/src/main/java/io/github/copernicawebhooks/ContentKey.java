package io.github.copernicawebhooks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * One call's claim on its body's hash in the de-duplication store. A store that fails is logged and
 * treated as absent: a duplicate handled twice is better than an event lost.
 */
final class ContentKey {

  private static final ContentKey NONE = new ContentKey(null, "", false);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final @Nullable EventDeduplicator store;
  private final String key;
  private final boolean duplicate;

  private ContentKey(@Nullable EventDeduplicator store, String key, boolean duplicate) {
    this.store = store;
    this.key = key;
    this.duplicate = duplicate;
  }

  /** Claims the body in the store, or returns a claim that releases nothing when there is no store. */
  static ContentKey claim(@Nullable EventDeduplicator store, byte[] body) {
    if (store == null) {
      return NONE;
    }
    String key = sha256Hex(body);
    try {
      return store.claim(key) ? new ContentKey(store, key, false) : new ContentKey(null, key, true);
    } catch (RuntimeException failure) {
      ReceiverLog.deduplicationFailed("claim", failure);
      return NONE;
    }
  }

  /** Whether the body was claimed before: the event must not be dispatched again. */
  boolean isDuplicate() {
    return duplicate;
  }

  /** Forgets the claim because the event was not handled, so that a retry is dispatched. */
  void release() {
    if (store == null) {
      return;
    }
    try {
      store.release(key);
    } catch (RuntimeException failure) {
      ReceiverLog.deduplicationFailed("release", failure);
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
