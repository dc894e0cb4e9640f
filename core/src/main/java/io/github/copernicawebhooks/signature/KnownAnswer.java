package io.github.copernicawebhooks.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The self-test a provider passes before it verifies anything: the SHA-256 of {@code abc} (FIPS 180-2), and
 * one {@code SHA256withRSA} signature made with OpenSSL over a fixed message, which must verify, and must
 * not once the message changes. A broken native build fails here, at start-up, instead of refusing calls.
 */
final class KnownAnswer {

  private static final byte[] MESSAGE =
      "known answer: copernica webhooks signature self-test".getBytes(StandardCharsets.US_ASCII);
  private static final String SHA256_OF_ABC = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
  private static final PublicKey KEY = PemKeys.rsaPublicKey("-----BEGIN PUBLIC KEY-----\n"
      + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArnHKGx1Bo3cj0cAkDn2kuziAMoW0u3UFi6Qtz8j/X4su0nnGt6akBm8E+m2YJ9i1"
      + "a9IRd90ppTHZ6y/oalIsbkSetW55T/3HEt0XHzguSYu1+SVcFizuy337O8NX2fjZdvUETTvqZlV5rm21yNA2m9iSWCmVrh5cU7Mv760w7hYW"
      + "ur6ZUf+6DPT5nPjjPqOVwsKsUUbpmbQYByITlQFYyJKwWJFJ6MFBkP+H9qRZVaN5DA5KDOIZRh6d5dvPQ7d59b4ZzDjo2AL/DWVaFQi0xQMK"
      + "J2ksfXD6CYlssiv6tYJi2qtYMGQa4FB5bjWAxDxUpWCOM0w5XE0b0kU4eUITWQIDAQAB\n"
      + "-----END PUBLIC KEY-----\n");
  private static final String SIGNATURE = "CWBg7P06EGjkFXngywlFrBcDQ8yHcXG2sw6CjPGo/TSM+rFR33jZLT4CubKnrSYXwQRDayMMbG"
      + "JSwWrmH7qRTGDwlXUfhKFcdPGM4xL9d8rFONUiIek6/EBOXuHhUSUFc56M10socy4mGZwIfdvAQ5FXQ2k7oEsUpf9MPIBWfzn7iWUY9nV+"
      + "RrTsrBEHWfzWIyTlDbcmkXCyGYAzFYveoCiGxgwM744emy3Nm0s4HIYOH5N3UL4Ut7qWgk6OBSf30v3acUhY7Y8mwXe2WtMgB5Eztxfh0g"
      + "wZzeAJAtJ+sg49rghiE+YYgufHn4qOmrsdXJ486yDlPtxtfzFPHj4M6Q==";

  private KnownAnswer() {}

  /** Null when the providers give every known answer, else what went wrong. */
  static @Nullable String problem(Crypto crypto) {
    try {
      byte[] abc = crypto.digest("SHA-256", "abc".getBytes(StandardCharsets.US_ASCII));
      if (!MessageDigest.isEqual(abc, Base64.getDecoder().decode(SHA256_OF_ABC))) {
        return "the SHA-256 of 'abc' came out wrong";
      }
      if (crypto.digest("SHA-512", MESSAGE).length != 64) {
        return "SHA-512 did not give 64 bytes";
      }
      byte[] changed = MESSAGE.clone();
      changed[0] ^= 1;
      if (!verifies(crypto, MESSAGE)) {
        return "a known SHA256withRSA signature did not verify";
      }
      return verifies(crypto, changed) ? "a SHA256withRSA signature verified a changed message" : null;
    } catch (GeneralSecurityException | RuntimeException failed) {
      return failed.toString();
    }
  }

  private static boolean verifies(Crypto crypto, byte[] message) throws GeneralSecurityException {
    Signature rsa = crypto.rsaSha256();
    rsa.initVerify(KEY);
    rsa.update(message);
    return rsa.verify(Base64.getDecoder().decode(SIGNATURE));
  }
}
