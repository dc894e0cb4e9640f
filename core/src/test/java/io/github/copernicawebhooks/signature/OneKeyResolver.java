package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.testkit.CopernicaTestSigner;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A resolver for tests that knows exactly one key id, refuses every other with {@code KEY_NOT_FOUND}, and
 * records every key id it was asked for ({@code resolve} and {@code refresh} alike), so a test can tell a
 * verifier that looks up the wrong name, or looks up too often.
 */
public final class OneKeyResolver implements PublicKeyResolver {

  private final String keyId;
  private final PublicKey key;
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final List<String> refreshed = new CopyOnWriteArrayList<>();

  public OneKeyResolver(String keyId, PublicKey key) {
    this.keyId = keyId;
    this.key = key;
  }

  /** Knows the signer's key id and key. */
  public static OneKeyResolver of(CopernicaTestSigner signer) {
    return new OneKeyResolver(signer.keyId(), signer.resolver().resolve(signer.keyId()));
  }

  @Override
  public PublicKey resolve(String requested) {
    asked.add(requested);
    if (!requested.equals(keyId)) {
      throw new WebhookException(Reason.KEY_NOT_FOUND, "no key for key id " + requested);
    }
    return key;
  }

  @Override
  public Optional<PublicKey> refresh(String requested, PublicKey rejected) {
    refreshed.add(requested);
    return Optional.empty();
  }

  /** Every key id {@code resolve} was called with, in order. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  /** Every key id {@code refresh} was called with, in order. */
  public List<String> refreshed() {
    return List.copyOf(refreshed);
  }

  /** Forgets what was asked so far. */
  public void clear() {
    asked.clear();
    refreshed.clear();
  }
}
