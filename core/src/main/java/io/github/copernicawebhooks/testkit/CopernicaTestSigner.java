package io.github.copernicawebhooks.testkit;

import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import java.util.Map;

/**
 * Signs requests the way Copernica does, with a generated RSA key pair, for tests and demos.
 */
public final class CopernicaTestSigner {
  // Contract only; the signature work replaces the bodies.

  private CopernicaTestSigner() {}

  /** A signer with a fresh 2048-bit key pair and the account id {@code account_1234}. */
  public static CopernicaTestSigner generate() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** A signer with a fresh 2048-bit key pair for the given account id. */
  public static CopernicaTestSigner generate(String accountId) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The {@code X-Copernica-ID} value this signer sends. */
  public String accountId() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** A resolver that trusts exactly this signer's public key. */
  public PublicKeyResolver resolver() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public String publicKeyPem() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The request with Digest, Date, X-Copernica-ID, X-Nonce and Signature headers added; Host must be set. */
  public WebhookRequest sign(WebhookRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * The headers to send with a request, in order: Digest, Date, X-Copernica-ID, X-Nonce, Signature.
   *
   * @param host the Host header value the client will send, e.g. {@code localhost:8080}
   */
  public Map<String, String> headersFor(String method, String target, String host, byte[] body) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
