package io.github.copernicawebhooks;

/**
 * Runs the whole pipeline for one call: verify, decode, bind, dispatch. Thread-safe.
 */
public final class WebhookReceiver {
  // Contract only; the receiver work replaces the bodies and adds builder options.

  private WebhookReceiver() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Handles one call and tells the adapter what to answer. Never throws. */
  public WebhookOutcome receive(WebhookRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The largest body this receiver accepts, so adapters can refuse bigger ones before reading. */
  public long maxBodyBytes() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Builds a {@link WebhookReceiver}. */
  public static final class Builder {
    private Builder() {}

    public Builder parser(WebhookParser parser) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public Builder verifier(io.github.copernicawebhooks.signature.SignatureVerifier verifier) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Accepts unsigned calls. Logs a warning once: never do this in production. */
    public Builder signatureOff() {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public Builder listener(WebhookListener listener) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public WebhookReceiver build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }
}
