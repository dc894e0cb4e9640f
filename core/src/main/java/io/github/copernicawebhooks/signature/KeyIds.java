package io.github.copernicawebhooks.signature;

import java.util.Locale;

/** Which {@code keyId} values name a key Copernica publishes: host names strictly under copernica.com. */
final class KeyIds {

  static final String KEY_DOMAIN = "copernica.com";

  private static final String DOT_KEY_DOMAIN = "." + KEY_DOMAIN;

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private KeyIds() {}

  /**
   * Whether the key id is a host name under {@code copernica.com} on a label boundary: {@code
   * one._domainkey.copernica.com} is, {@code evilcopernica.com} and {@code copernica.com.evil.net} are
   * not. Underscores are allowed because DKIM selectors live under {@code _domainkey}.
   */
  static boolean isCopernicaKeyId(String keyId) {
    String name = keyId.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.length() > MAX_NAME_LENGTH || !name.endsWith(DOT_KEY_DOMAIN)) {
      return false;
    }
    int labelStart = 0;
    for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', labelStart)) {
      if (!isHostLabel(name, labelStart, dot)) {
        return false;
      }
      labelStart = dot + 1;
    }
    return isHostLabel(name, labelStart, name.length());
  }

  private static boolean isHostLabel(String name, int start, int end) {
    int length = end - start;
    if (length < 1 || length > MAX_LABEL_LENGTH || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
