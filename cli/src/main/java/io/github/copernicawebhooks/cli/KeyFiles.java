package io.github.copernicawebhooks.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The signing key in a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey}
 * writes). The public key is derived from the private one, so one file is the whole key pair.
 */
final class KeyFiles {

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private KeyFiles() {}

  /** A fresh 2048-bit RSA key pair, the size Copernica's keys have. */
  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform can generate RSA keys", e);
    }
  }

  /** Writes the private key as PKCS#8 PEM, readable only by its owner where the file system allows. */
  static void write(Path file, KeyPair pair) throws IOException {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, BEGIN + "\n" + base64 + "\n" + END + "\n", StandardCharsets.US_ASCII);
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /**
   * The key pair in a PKCS#8 PEM private key file.
   *
   * @throws IOException when the file cannot be read or holds no RSA private key
   */
  static KeyPair read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (!text.contains(BEGIN)) {
      throw new IOException(file + " holds no '" + BEGIN + "' block (PKCS#8 PEM)");
    }
    int end = text.indexOf(END);
    String base64 = text.substring(text.indexOf(BEGIN) + BEGIN.length(), end < 0 ? text.length() : end);
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
        throw new IOException(file + " holds an RSA key without its public exponent");
      }
      return new KeyPair(publicKey(rsa, key.getModulus(), key.getPublicExponent()), key);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " holds no RSA private key: " + e.getMessage(), e);
    }
  }

  private static PublicKey publicKey(KeyFactory rsa, BigInteger modulus, BigInteger exponent)
      throws GeneralSecurityException {
    return rsa.generatePublic(new RSAPublicKeySpec(modulus, exponent));
  }
}
