package io.github.copernicawebhooks.signature;

import java.security.PublicKey;

/** Finds the public key for a signature's {@code keyId}. */
@FunctionalInterface
public interface PublicKeyResolver {
  // Contract only; the signature work adds the DNS and static resolvers as factories here.

  /**
   * The key for this key id.
   *
   * @throws io.github.copernicawebhooks.WebhookException with reason {@code KEY_NOT_FOUND} or {@code KEY_UNAVAILABLE}
   */
  PublicKey resolve(String keyId);
}
