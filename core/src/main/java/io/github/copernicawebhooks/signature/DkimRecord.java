package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.internal.PemKeys;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM-style key record ({@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>}) as the JDK's JNDI DNS
 * provider returns it.
 *
 * <p>A TXT record longer than 255 bytes travels as several character-strings. JNDI hands them back as
 * one string, the pieces separated by a space, a piece quoted (with {@code \} escapes) only when it is
 * empty or holds a space, quote or backslash: {@code "v=DKIM1; k=rsa; p=MIIB...xF" 7SAa...AQAB}. The
 * pieces are joined with nothing in between, as DKIM requires, before the tags are read.
 */
final class DkimRecord {

  private DkimRecord() {}

  /**
   * The RSA key of the first DKIM record among the TXT values.
   *
   * @throws IllegalArgumentException when no value is a DKIM record or the record has no usable RSA key;
   *     the message never repeats the key
   */
  static RSAPublicKey publicKey(List<String> txtValues) {
    for (String txtValue : txtValues) {
      Map<String, String> tags = tags(joinCharacterStrings(txtValue));
      if (isDkim(tags)) {
        return rsaKey(tags);
      }
    }
    throw new IllegalArgumentException("no DKIM key record among " + txtValues.size() + " TXT record(s)");
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

  private static boolean isDkim(Map<String, String> tags) {
    String version = tags.get("v");
    return version != null ? version.equalsIgnoreCase("DKIM1") : tags.containsKey("p");
  }

  private static RSAPublicKey rsaKey(Map<String, String> tags) {
    String keyType = tags.getOrDefault("k", "rsa");
    if (!keyType.equalsIgnoreCase("rsa")) {
      throw new IllegalArgumentException("DKIM record holds a '" + keyType + "' key, not an RSA key");
    }
    String key = tags.getOrDefault("p", "").replaceAll("\\s+", "");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("DKIM record has no key (p= is empty or absent: revoked)");
    }
    return PemKeys.rsaPublicKey(key);
  }
}
