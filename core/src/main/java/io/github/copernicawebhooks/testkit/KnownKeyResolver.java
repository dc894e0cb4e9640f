package io.github.copernicawebhooks.testkit;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A key resolver for tests that knows exactly one key id, refuses every other with {@code KEY_NOT_FOUND},
 * and records every key id it was asked for, so a test notices a verifier that looks up the wrong name or
 * looks up more often than it should. Key ids are compared exactly, as sent. Thread-safe.
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

  private final String keyId;
  private final PublicKey key;
  private final List<String> asked = new CopyOnWriteArrayList<>();

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
    asked.add(requested);
    if (!requested.equals(keyId)) {
      throw new WebhookException(Reason.KEY_NOT_FOUND, "no key is known for this key id");
    }
    return key;
  }

  /** The key id this resolver knows. */
  public String keyId() {
    return keyId;
  }

  /** Every key id {@link #resolve} was called with, in order, refused ones included. */
  public List<String> askedKeyIds() {
    return List.copyOf(asked);
  }

  /** Forgets the key ids asked so far. */
  public void clearAsked() {
    asked.clear();
  }
}
