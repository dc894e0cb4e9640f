package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.signature.PublicKeyResolver;
import java.security.PublicKey;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The keys the auto-configured verifier trusts: where they come from, and the last key id that resolved,
 * so that the health indicator can look that key up again. Only a key id that resolved is remembered, so
 * calls with made-up key ids cannot turn the health to DOWN. Not itself a {@link PublicKeyResolver} bean,
 * so that it never stands in for the application's own.
 */
final class WebhookKeys {

  /** Where the keys come from. */
  enum Source {
    /** Copernica's DNS TXT records. */
    DNS,
    /** The PEM file of {@code copernica.webhooks.signature.public-key}. */
    PUBLIC_KEY,
    /** The application's own {@code PublicKeyResolver} bean. */
    APPLICATION
  }

  private final PublicKeyResolver delegate;
  private final Source source;
  private final PublicKeyResolver recording = new Recording();
  private volatile @Nullable String lastKeyId;

  WebhookKeys(PublicKeyResolver delegate, Source source) {
    this.delegate = delegate;
    this.source = source;
  }

  /** The resolver to verify with: the source's, remembering each key id that resolved. */
  PublicKeyResolver resolver() {
    return recording;
  }

  Source source() {
    return source;
  }

  /** The key id last resolved, once a signed call has come in. */
  Optional<String> lastKeyId() {
    return Optional.ofNullable(lastKeyId);
  }

  /** Looks the key up again, as a call would now. */
  PublicKey resolveAgain(String keyId) {
    return delegate.resolve(keyId);
  }

  private final class Recording implements PublicKeyResolver {
    @Override
    public PublicKey resolve(String keyId) {
      PublicKey key = delegate.resolve(keyId);
      lastKeyId = keyId;
      return key;
    }

    @Override
    public Optional<PublicKey> refresh(String keyId, PublicKey rejected) {
      return delegate.refresh(keyId, rejected);
    }
  }
}
