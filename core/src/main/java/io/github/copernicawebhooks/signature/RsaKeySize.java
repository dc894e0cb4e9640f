package io.github.copernicawebhooks.signature;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;

/** The minimum size of the RSA keys this package trusts. */
final class RsaKeySize {

  private RsaKeySize() {}

  /**
   * Throws when the key is an RSA key shorter than the minimum; other key types are left to the verifier.
   *
   * @param what names the key in the message, for example {@code "the DKIM record's key"}
   */
  static void requireAtLeast(PublicKey key, int minimumBits, String what) {
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < minimumBits) {
      throw new IllegalArgumentException(what + " is a " + rsa.getModulus().bitLength()
          + "-bit RSA key; at least " + minimumBits + " bits are required");
    }
  }
}
