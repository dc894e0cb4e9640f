package io.github.copernicawebhooks.spring;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Copernica webhook endpoint, bound from {@code copernica.webhooks.*}. The parameter
 * descriptions below become the configuration metadata IDEs show.
 *
 * @param enabled Whether to mount the Copernica webhook endpoint.
 * @param path Path that Copernica posts to; the endpoint answers only there.
 * @param accountIds Copernica account ids (X-Copernica-ID values such as account_1234) whose calls are
 *     accepted. Required while signatures are verified.
 * @param signature How calls are verified.
 * @param maxBodySize Largest request body accepted; larger calls are refused with 413 before they are read.
 * @param timeZone Time zone of the local date-times Copernica sends (timestamp, created, modified).
 * @param publicBaseUrl URL that Copernica calls when a proxy changes the host or path, such as
 *     https://example.com/app. By default the request's own host and path are used.
 * @param publishApplicationEvents Whether to also publish every event as a Spring application event, so
 *     that @EventListener methods receive it.
 */
@ConfigurationProperties("copernica.webhooks")
public record CopernicaWebhooksProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(DEFAULT_PATH) String path,
    @DefaultValue List<String> accountIds,
    @DefaultValue Signature signature,
    @DefaultValue("4MB") DataSize maxBodySize,
    @DefaultValue("Europe/Amsterdam") ZoneId timeZone,
    @Nullable String publicBaseUrl,
    @DefaultValue("false") boolean publishApplicationEvents) {

  /** The path of the endpoint unless {@code copernica.webhooks.path} says otherwise. */
  public static final String DEFAULT_PATH = "/webhooks/copernica";

  public CopernicaWebhooksProperties {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("copernica.webhooks.path must start with '/', got '" + path + "'");
    }
    if (maxBodySize.toBytes() < 1) {
      throw new IllegalArgumentException("copernica.webhooks.max-body-size must be positive");
    }
    accountIds = List.copyOf(accountIds);
  }

  /**
   * How calls are verified, bound from {@code copernica.webhooks.signature.*}.
   *
   * @param mode Whether calls must carry a valid Copernica signature: 'required' verifies every call;
   *     'off' accepts unsigned calls and logs a warning, for local experiments only.
   * @param publicKey PEM file (BEGIN PUBLIC KEY) with the one public key to trust instead of looking keys
   *     up in Copernica's DNS. For tests and pinned keys.
   * @param tolerance How far the Date header of a call may lie in the past or the future.
   */
  public record Signature(
      @DefaultValue("required") SignatureMode mode,
      @Nullable Resource publicKey,
      @DefaultValue("5m") Duration tolerance) {

    public Signature {
      if (tolerance.isNegative() || tolerance.isZero()) {
        throw new IllegalArgumentException("copernica.webhooks.signature.tolerance must be positive");
      }
    }
  }

  /** Whether calls must carry a valid Copernica signature. */
  public enum SignatureMode {
    /** Every call must be signed by Copernica; the default. */
    REQUIRED,
    /** Unsigned calls are accepted. Never use this in production. */
    OFF
  }
}
