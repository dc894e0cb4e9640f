package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks an RFC 3230 {@code Digest} header against the raw body: {@code SHA-256=<base64>} and
 * {@code SHA-512=<base64>}, token in any case, split on the first {@code =}, several comma-separated
 * digests allowed. Every digest we understand must match, and at least one must be understood. The header
 * is read ({@link #parse}) before the body, which is compared with it ({@link #match}) once read.
 */
final class DigestCheck {

  private DigestCheck() {}

  /** Checks the header against the body: {@link #parse} and {@link #match} in one step. */
  static void verify(List<String> headerValues, byte[] body, Crypto crypto) {
    match(parse(headerValues), body, crypto);
  }

  /**
   * Reads the digests the header promises, before the body is read: at least one must be understood, and
   * each understood one must be base64. Unknown algorithms are skipped. The list is not to be changed.
   */
  static List<Entry> parse(List<String> headerValues) {
    if (headerValues.isEmpty()) {
      throw new WebhookException(Reason.DIGEST_MISSING, "no Digest header");
    }
    List<Entry> entries = new ArrayList<>(2);
    for (String headerValue : headerValues) {
      int start = 0;
      for (int comma = headerValue.indexOf(','); start <= headerValue.length(); comma = headerValue.indexOf(',', start)) {
        int end = comma < 0 ? headerValue.length() : comma;
        Entry entry = entry(headerValue.substring(start, end).trim());
        if (entry != null) {
          entries.add(entry);
        }
        start = end + 1;
      }
    }
    if (entries.isEmpty()) {
      throw new WebhookException(
          Reason.DIGEST_UNSUPPORTED, "Digest header names neither SHA-256 nor SHA-512");
    }
    return entries;
  }

  /** Checks every promised digest against the body; constant-time comparisons. */
  static void match(List<Entry> entries, byte[] body, Crypto crypto) {
    for (Entry entry : entries) {
      if (!MessageDigest.isEqual(entry.expected(), crypto.digest(entry.algorithm(), body))) {
        throw new WebhookException(
            Reason.DIGEST_MISMATCH, "Digest " + entry.algorithm() + " does not match the body");
      }
    }
  }

  /** The entry when it uses an algorithm we understand, else null; throws when its value is not base64. */
  private static @Nullable Entry entry(String entry) {
    int equals = entry.indexOf('=');
    if (equals <= 0) {
      return null;
    }
    String algorithm = javaAlgorithm(entry.substring(0, equals).trim());
    if (algorithm == null) {
      return null;
    }
    try {
      return new Entry(algorithm, Base64.getDecoder().decode(entry.substring(equals + 1).trim()));
    } catch (IllegalArgumentException e) {
      throw new WebhookException(Reason.DIGEST_UNSUPPORTED, "Digest " + algorithm + " value is not base64");
    }
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

  /** One digest the header promises: the Java algorithm name and the expected bytes. */
  record Entry(String algorithm, byte[] expected) {}
}
