package io.github.copernicawebhooks.signature;

import java.util.Locale;

/** Which {@code keyId} values name a key Copernica publishes: host names strictly under a trusted domain. */
final class KeyIds {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private KeyIds() {}

  /**
   * Whether the key id is a host name strictly under {@code domain} (lower case, no trailing dot) on a label
   * boundary: under {@code _domainkey.copernica.com}, {@code one._domainkey.copernica.com} is, {@code
   * x.copernica.com}, {@code evil_domainkey.copernica.com} and {@code one._domainkey.copernica.com.evil.net}
   * are not. Case and one trailing dot do not matter; underscores are allowed because DKIM selectors live
   * under {@code _domainkey}.
   */
  static boolean isUnder(String keyId, String domain) {
    String name = keyId.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    int labelsEnd = name.length() - domain.length() - 1;
    if (name.length() > MAX_NAME_LENGTH || labelsEnd < 1 || !name.endsWith(domain) || name.charAt(labelsEnd) != '.') {
      return false;
    }
    return isHostName(name);
  }

  /**
   * A trusted domain as {@link #isUnder} expects it: lower case, without a trailing dot.
   *
   * @throws IllegalArgumentException when it is not a host name of at least two labels
   */
  static String domain(String domain) {
    String name = domain.trim().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.length() > MAX_NAME_LENGTH - 2 || name.indexOf('.') < 0 || !isHostName(name)) {
      throw new IllegalArgumentException("key id domain is not a host name of at least two labels: " + domain);
    }
    return name;
  }

  private static boolean isHostName(String name) {
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
