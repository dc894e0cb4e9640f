package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookRequest;
import java.time.Duration;

/** Checks that a request really comes from Copernica. Thread-safe. */
public final class SignatureVerifier {
  // Contract only; the signature work replaces the bodies and adds the builder options.

  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private SignatureVerifier() {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies the request, or throws a {@link io.github.copernicawebhooks.WebhookException} naming the
   * reason.
   */
  public void verify(WebhookRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Builds a {@link SignatureVerifier}. */
  public static final class Builder {
    private Builder() {}

    /** The account ids ({@code X-Copernica-ID} values) this endpoint accepts; at least one. */
    public Builder accountIds(String... accountIds) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public Builder keyResolver(PublicKeyResolver resolver) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public Builder tolerance(Duration tolerance) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** The URL the sender used, when a proxy changes host or path, e.g. {@code https://example.com/app}. */
    public Builder publicBaseUrl(String url) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public SignatureVerifier build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }
}
