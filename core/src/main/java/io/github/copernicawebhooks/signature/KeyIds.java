package io.github.copernicawebhooks.signature;

import java.util.Locale;

/** Which {@code keyId} values name a key Copernica publishes: host names strictly under copernica.com. */
final class KeyIds {

  static final String KEY_DOMAIN = "copernica.com";

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
    if (name.length() > MAX_NAME_LENGTH || !name.endsWith("." + KEY_DOMAIN)) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!isHostLabel(label)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHostLabel(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
