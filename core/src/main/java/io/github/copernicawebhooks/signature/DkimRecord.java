package io.github.copernicawebhooks.signature;

import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM-style key record ({@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>}) as the JDK's JNDI DNS
 * provider returns it.
 *
 * <p>Only records with {@code v=DKIM1} count (anywhere in the record; RFC 6376 wants it first, but a record
 * in another order is still unmistakably a key record); {@code k}, when present, must be {@code rsa}, and
 * the key must have at least {@link PublicKeyResolver#MINIMUM_RSA_KEY_BITS} bits.
 *
 * <p>A TXT record longer than 255 bytes travels as several character-strings. JNDI hands them back as
 * one string, the pieces separated by a space, a piece quoted (with {@code \} escapes) only when it is
 * empty or holds a space, quote or backslash: {@code "v=DKIM1; k=rsa; p=MIIB...xF" 7SAa...AQAB}. The
 * pieces are joined with nothing in between, as DKIM requires, before the tags are read.
 */
final class DkimRecord {

  private DkimRecord() {}

  /**
   * The RSA key of the first DKIM record ({@code v=DKIM1}) among the TXT values.
   *
   * @throws RevokedKeyException when that record revokes its key ({@code p=} empty)
   * @throws IllegalArgumentException when no value is a {@code v=DKIM1} record, or the record's key is not
   *     RSA ({@code k=} other than {@code rsa}), not readable, or shorter than {@link
   *     PublicKeyResolver#MINIMUM_RSA_KEY_BITS}; the message never repeats the key
   */
  static RSAPublicKey publicKey(List<String> txtValues) {
    boolean keyWithoutVersion = false;
    for (String txtValue : txtValues) {
      Map<String, String> tags = tags(joinCharacterStrings(txtValue));
      if (isDkim1(tags)) {
        return rsaKey(tags);
      }
      keyWithoutVersion |= !tags.containsKey("v") && tags.containsKey("p");
    }
    if (keyWithoutVersion) {
      throw new IllegalArgumentException("TXT record has a key (p=) but no v=DKIM1 tag");
    }
    throw new IllegalArgumentException("no v=DKIM1 key record among " + txtValues.size() + " TXT record(s)");
  }

  /** The character-strings of one TXT record in JNDI's presentation, concatenated. */
  static String joinCharacterStrings(String presentation) {
    StringBuilder joined = new StringBuilder(presentation.length());
    int position = 0;
    while (position < presentation.length()) {
      char c = presentation.charAt(position);
      if (c == ' ') {
        position++;
      } else if (c == '"') {
        position = appendQuoted(presentation, position + 1, joined);
      } else {
        int end = presentation.indexOf(' ', position);
        end = end < 0 ? presentation.length() : end;
        joined.append(presentation, position, end);
        position = end;
      }
    }
    return joined.toString();
  }

  private static int appendQuoted(String presentation, int start, StringBuilder joined) {
    int position = start;
    while (position < presentation.length()) {
      char c = presentation.charAt(position++);
      if (c == '"') {
        return position;
      }
      if (c == '\\' && position < presentation.length()) {
        c = presentation.charAt(position++);
      }
      joined.append(c);
    }
    throw new IllegalArgumentException("TXT record has an unterminated quoted string");
  }

  /** The DKIM tag list ({@code tag=value; ...}); names lower case, surrounding whitespace trimmed. */
  static Map<String, String> tags(String record) {
    Map<String, String> tags = new HashMap<>();
    for (String tag : record.split(";")) {
      int equals = tag.indexOf('=');
      if (equals > 0) {
        tags.putIfAbsent(
            tag.substring(0, equals).trim().toLowerCase(Locale.ROOT), tag.substring(equals + 1).trim());
      }
    }
    return tags;
  }

  private static boolean isDkim1(Map<String, String> tags) {
    return "DKIM1".equalsIgnoreCase(tags.get("v"));
  }

  private static RSAPublicKey rsaKey(Map<String, String> tags) {
    String keyType = tags.getOrDefault("k", "rsa");
    if (!keyType.equalsIgnoreCase("rsa")) {
      throw new IllegalArgumentException("DKIM record holds a k=" + keyType + " key, not an RSA key (k=rsa)");
    }
    String encoded = tags.get("p");
    if (encoded == null) {
      throw new IllegalArgumentException("DKIM record has no p= tag");
    }
    encoded = encoded.replaceAll("\\s+", "");
    if (encoded.isEmpty()) {
      throw new RevokedKeyException();
    }
    RSAPublicKey key = PemKeys.rsaPublicKey(encoded);
    RsaKeySize.requireAtLeast(key, PublicKeyResolver.MINIMUM_RSA_KEY_BITS, "the DKIM record's key");
    return key;
  }

  /** A DKIM record whose {@code p=} is empty: the key's owner revoked it (RFC 6376, section 3.6.1). */
  static final class RevokedKeyException extends IllegalArgumentException {
    RevokedKeyException() {
      super("DKIM record revokes its key (p= is empty)");
    }
  }
}
