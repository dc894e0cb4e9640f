package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.signature.PublicKeyResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a pinned RSA public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
final class PemPublicKey {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PemPublicKey() {}

  /** A resolver that answers this key for every key id; the verifier still checks the key id itself. */
  static PublicKeyResolver resolverFor(Path file) throws IOException {
    PublicKey key = parse(Files.readString(file, StandardCharsets.US_ASCII));
    return keyId -> key;
  }

  static PublicKey parse(String pem) {
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no " + BEGIN + " block");
    }
    String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException wrong) {
      throw new IllegalArgumentException("not an RSA public key: " + wrong.getMessage(), wrong);
    }
  }
}
