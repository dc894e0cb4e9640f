package io.github.copernicawebhooks.signature;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

/**
 * The providers a signature test runs with. ACCP must load on Linux x86_64, where the test class path has
 * its native library; elsewhere a test that asks for it is skipped, so that the build passes where ACCP
 * cannot load.
 */
final class TestProviders {

  private TestProviders() {}

  /** The selected providers, or the test skipped when ACCP cannot load on a platform it does not cover. */
  static Crypto crypto(SignatureProvider provider) {
    if (provider == SignatureProvider.ACCP && !isLinuxX8664()) {
      assumeTrue(Crypto.select(SignatureProvider.AUTO).kind() == SignatureProvider.ACCP,
          "ACCP cannot load on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
    Crypto crypto = Crypto.select(provider);
    if (crypto.kind() != provider) {
      throw new IllegalStateException(provider + " was asked for and " + crypto.name() + " selected");
    }
    return crypto;
  }

  private static boolean isLinuxX8664() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
        && System.getProperty("os.arch").equals("amd64");
  }
}
