package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.internal.PemKeys;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the public key for a signature's {@code keyId}.
 *
 * <pre>{@code
 * PublicKeyResolver.dns()                      // Copernica's keys from DNS TXT records, cached
 * PublicKeyResolver.fromPem(pinnedPem)         // one pinned key, for tests or strict set-ups
 * }</pre>
 */
@FunctionalInterface
public interface PublicKeyResolver {

  /**
   * The key for this key id.
   *
   * @throws io.github.copernicawebhooks.WebhookException with reason {@code KEY_NOT_FOUND} or {@code
   *     KEY_UNAVAILABLE}
   */
  PublicKey resolve(String keyId);

  /**
   * A newer key for this key id, when the key returned before did not verify a signature and the source
   * may have rotated it in place. The default has nothing newer.
   */
  default Optional<PublicKey> refresh(String keyId, PublicKey rejected) {
    return Optional.empty();
  }

  /** Copernica's keys from DNS, through the system's resolvers, with the default cache settings. */
  static PublicKeyResolver dns() {
    return DnsPublicKeyResolver.builder().build();
  }

  /** A resolver that answers every key id with this one key. */
  static PublicKeyResolver fixed(PublicKey key) {
    Objects.requireNonNull(key, "key");
    return keyId -> key;
  }

  /**
   * A resolver that answers every key id with this RSA key, given as PEM ({@code -----BEGIN PUBLIC
   * KEY-----}) or bare base64 SubjectPublicKeyInfo.
   *
   * @throws IllegalArgumentException when the text is not an RSA public key
   */
  static PublicKeyResolver fromPem(String pem) {
    return fixed(PemKeys.rsaPublicKey(pem));
  }
}
