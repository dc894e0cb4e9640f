package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks an RFC 3230 {@code Digest} header against the raw body: {@code SHA-256=<base64>} and
 * {@code SHA-512=<base64>}, token in any case, split on the first {@code =}, several comma-separated
 * digests allowed. Every digest we understand must match, and at least one must be understood.
 */
final class DigestCheck {

  private DigestCheck() {}

  static void verify(List<String> headerValues, byte[] body) {
    if (headerValues.isEmpty()) {
      throw new WebhookException(Reason.DIGEST_MISSING, "no Digest header");
    }
    int understood = 0;
    for (String headerValue : headerValues) {
      int start = 0;
      for (int comma = headerValue.indexOf(','); start <= headerValue.length(); comma = headerValue.indexOf(',', start)) {
        int end = comma < 0 ? headerValue.length() : comma;
        if (checkEntry(headerValue.substring(start, end).trim(), body)) {
          understood++;
        }
        start = end + 1;
      }
    }
    if (understood == 0) {
      throw new WebhookException(
          Reason.DIGEST_UNSUPPORTED, "Digest header names neither SHA-256 nor SHA-512");
    }
  }

  /** Whether the entry uses an algorithm we understand; throws when it does and does not match. */
  private static boolean checkEntry(String entry, byte[] body) {
    int equals = entry.indexOf('=');
    if (equals <= 0) {
      return false;
    }
    String algorithm = javaAlgorithm(entry.substring(0, equals).trim());
    if (algorithm == null) {
      return false;
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(entry.substring(equals + 1).trim());
    } catch (IllegalArgumentException e) {
      throw new WebhookException(Reason.DIGEST_UNSUPPORTED, "Digest " + algorithm + " value is not base64");
    }
    if (!MessageDigest.isEqual(expected, digest(algorithm, body))) {
      throw new WebhookException(Reason.DIGEST_MISMATCH, "Digest " + algorithm + " does not match the body");
    }
    return true;
  }

  private static @Nullable String javaAlgorithm(String token) {
    switch (token.toLowerCase(Locale.ROOT)) {
      case "sha-256":
        return "SHA-256";
      case "sha-512":
        return "SHA-512";
      default:
        return null;
    }
  }

  static byte[] digest(String algorithm, byte[] body) {
    try {
      return MessageDigest.getInstance(algorithm).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + algorithm, e);
    }
  }
}
