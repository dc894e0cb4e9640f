package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A key resolver that knows exactly one key id (a pinned key, or the key of a {@link WebhookSigner}),
 * refuses every other with {@code KEY_NOT_FOUND}, and records every key id it was asked for, so a test
 * notices a verifier that looks up the wrong name or looks up more often than it should. Key ids are
 * compared exactly, as sent. Thread-safe. The record keeps the last {@value #RECORDED} key ids, so a
 * resolver that lives as long as the application stays small.
 *
 * <pre>{@code
 * KnownKeyResolver keys = signer.knownKeyResolver();
 * SignatureVerifier verifier = SignatureVerifier.builder()
 *     .accountIds(signer.accountId()).keyResolver(keys).build();
 * verifier.verify(signer.sign(request));
 * assertThat(keys.askedKeyIds()).containsExactly(signer.keyId());
 * }</pre>
 */
public final class KnownKeyResolver implements PublicKeyResolver {

  /** How many of the latest key ids {@link #askedKeyIds()} keeps. */
  public static final int RECORDED = 1_000;

  private final String keyId;
  private final PublicKey key;
  private final Deque<String> asked = new ArrayDeque<>();

  private KnownKeyResolver(String keyId, PublicKey key) {
    this.keyId = keyId;
    this.key = key;
  }

  /** A resolver that answers {@code keyId}, and nothing else, with {@code key}. */
  public static KnownKeyResolver of(String keyId, PublicKey key) {
    return new KnownKeyResolver(Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(key, "key"));
  }

  /**
   * The key, when {@code requested} is the known key id; records the request either way.
   *
   * @throws WebhookException with reason {@code KEY_NOT_FOUND} for any other key id
   */
  @Override
  public PublicKey resolve(String requested) {
    synchronized (asked) {
      if (asked.size() == RECORDED) {
        asked.removeFirst();
      }
      asked.addLast(requested);
    }
    if (!requested.equals(keyId)) {
      throw new WebhookException(Reason.KEY_NOT_FOUND, "no key is known for this key id");
    }
    return key;
  }

  /** The key id this resolver knows. */
  public String keyId() {
    return keyId;
  }

  /** The key ids {@link #resolve} was called with, oldest first, refused ones included (the last {@value #RECORDED}). */
  public List<String> askedKeyIds() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }

  /** Forgets the key ids asked so far. */
  public void clearAsked() {
    synchronized (asked) {
      asked.clear();
    }
  }
}
