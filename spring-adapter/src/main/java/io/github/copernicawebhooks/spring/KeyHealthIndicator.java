package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the receiver can get the key that verifies Copernica's calls right now: {@code UP} when the last
 * key id that verified a call still resolves (from the DNS cache or a fresh lookup) or when the key is the
 * configured PEM file; {@code DOWN} when it no longer resolves (DNS unreachable past the cache, the record
 * gone); {@code UNKNOWN} while no signed call has come in, since Copernica's key id is learnt from its calls.
 */
final class KeyHealthIndicator implements HealthIndicator {

  private final @Nullable WebhookKeys keys;

  /** @param keys the auto-configured keys, {@code null} when signatures are off or the verifier is the application's */
  KeyHealthIndicator(@Nullable WebhookKeys keys) {
    this.keys = keys;
  }

  @Override
  public Health health() {
    if (keys == null) {
      return Health.up().withDetail("source", "the application's own verifier, or signatures off").build();
    }
    String source = keys.source().name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (keys.source() == WebhookKeys.Source.PUBLIC_KEY) {
      return Health.up().withDetail("source", source).build();
    }
    WebhookKeys known = keys;
    return known.lastKeyId()
        .map(keyId -> check(known, keyId, source))
        .orElseGet(() -> Health.unknown().withDetail("source", source)
            .withDetail("reason", "no signed call received yet, so no key id to check").build());
  }

  private static Health check(WebhookKeys keys, String keyId, String source) {
    try {
      keys.resolveAgain(keyId);
      return Health.up().withDetail("source", source).withDetail("keyId", keyId).build();
    } catch (WebhookException failure) {
      return Health.down().withDetail("source", source).withDetail("keyId", keyId)
          .withDetail("reason", failure.reason().name()).withDetail("error", failure.getMessage()).build();
    }
  }
}
