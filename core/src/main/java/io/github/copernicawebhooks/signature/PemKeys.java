package io.github.copernicawebhooks.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads and writes RSA public keys as PEM or bare base64 SubjectPublicKeyInfo. */
final class PemKeys {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PemKeys() {}

  /**
   * The RSA public key in a PEM block ({@code -----BEGIN PUBLIC KEY-----}) or in bare base64, whitespace
   * allowed anywhere.
   *
   * @throws IllegalArgumentException when the text is not an RSA SubjectPublicKeyInfo; the message never
   *     repeats the key
   */
  static RSAPublicKey rsaPublicKey(String pemOrBase64) {
    String base64 = pemOrBase64.replace(BEGIN, "").replace(END, "").replaceAll("\\s+", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("public key is not valid base64", e);
    }
    return rsaPublicKey(der);
  }

  /** The RSA public key in DER SubjectPublicKeyInfo form. */
  static RSAPublicKey rsaPublicKey(byte[] subjectPublicKeyInfo) {
    if (subjectPublicKeyInfo.length == 0) {
      throw new IllegalArgumentException("public key is empty");
    }
    try {
      PublicKey key =
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
      if (key instanceof RSAPublicKey) {
        return (RSAPublicKey) key;
      }
      throw new IllegalArgumentException("public key is not an RSA key");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("public key is not an RSA SubjectPublicKeyInfo", e);
    }
  }

  /** The key as PEM, 64 characters a line, ending with a newline. */
  static String pem(PublicKey key) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return BEGIN + "\n" + base64 + "\n" + END + "\n";
  }
}
