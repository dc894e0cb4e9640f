package io.github.copernicawebhooks.signature;

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
 *
 * <p>The resolvers made here trust only RSA keys of at least {@link #MINIMUM_RSA_KEY_BITS} bits, pinned
 * keys as well as keys from DNS; only {@link #fixed(PublicKey, int)} takes a lower minimum, for published
 * test vectors with short keys. A resolver of your own decides for itself.
 */
@FunctionalInterface
public interface PublicKeyResolver {

  /** The fewest bits an RSA key may have: Copernica's keys have 2048, and shorter ones can be factored. */
  int MINIMUM_RSA_KEY_BITS = 2048;

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

  /**
   * A resolver that answers every key id with this one key.
   *
   * @throws IllegalArgumentException when the key is an RSA key shorter than {@link #MINIMUM_RSA_KEY_BITS}
   */
  static PublicKeyResolver fixed(PublicKey key) {
    return fixed(key, MINIMUM_RSA_KEY_BITS);
  }

  /**
   * A resolver that answers every key id with this one key, which may be an RSA key as short as {@code
   * minimumRsaKeyBits}: an explicit opt-out of {@link #MINIMUM_RSA_KEY_BITS} for test vectors such as the
   * 1024-bit key of the draft-cavage examples. Never lower it for keys that guard real calls.
   *
   * @throws IllegalArgumentException when the key is an RSA key shorter than {@code minimumRsaKeyBits}
   */
  static PublicKeyResolver fixed(PublicKey key, int minimumRsaKeyBits) {
    Objects.requireNonNull(key, "key");
    RsaKeySize.requireAtLeast(key, minimumRsaKeyBits, "the pinned public key");
    return keyId -> key;
  }

  /**
   * A resolver that answers every key id with this RSA key, given as PEM ({@code -----BEGIN PUBLIC
   * KEY-----}) or bare base64 SubjectPublicKeyInfo.
   *
   * @throws IllegalArgumentException when the text is not an RSA public key, or the key is shorter than
   *     {@link #MINIMUM_RSA_KEY_BITS}
   */
  static PublicKeyResolver fromPem(String pem) {
    return fixed(PemKeys.rsaPublicKey(pem));
  }
}
