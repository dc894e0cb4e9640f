package io.github.copernicawebhooks.signature;

import java.util.Locale;

/**
 * Which cryptographic provider checks signatures and body digests: the Amazon Corretto Crypto Provider
 * (ACCP, native AWS-LC code, about twice as fast at RSA) when it is on the class path and loads, or the JDK's
 * own. The provider is passed to each {@code Signature} and {@code MessageDigest} explicitly; the JVM's
 * provider list is left alone unless {@link SignatureVerifier.Builder#installProviderGlobally} asks.
 */
public enum SignatureProvider {
  /** ACCP when it is on the class path, loads and passes its self-tests; else the JDK's. The default. */
  AUTO,
  /** The JDK's providers ({@code SunRsaSign}, {@code SUN}), even when ACCP is present. */
  JDK,
  /** ACCP, or a start-up error saying why it cannot be used. */
  ACCP;

  /**
   * The provider a setting names: {@code auto}, {@code jdk} or {@code accp}, in any case.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static SignatureProvider parse(String setting) {
    String name = setting.trim().toUpperCase(Locale.ROOT);
    for (SignatureProvider provider : values()) {
      if (provider.name().equals(name)) {
        return provider;
      }
    }
    throw new IllegalArgumentException("must be 'auto', 'jdk' or 'accp', not '" + setting + "'");
  }
}
