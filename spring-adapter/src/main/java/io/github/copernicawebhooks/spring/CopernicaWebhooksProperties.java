package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.signature.SignatureProvider;
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
 * @param async Asynchronous handling: answer 202 at once and handle the event on a bounded pool.
 * @param deduplication Dispatching an event whose body was handled before only once.
 * @param maxBufferedSize Most bytes of request bodies held in memory at once, across all calls; a call
 *     that finds no room within 5 seconds is answered 503 with Retry-After. By default an eighth of the
 *     heap, at least 16MB.
 * @param bodyTimeout How long the body of a call may take to arrive once the endpoint starts reading it;
 *     a call whose body is not complete by then is answered 408 and its connection closed.
 * @param minBodyRate Slowest average rate per second at which a body keeps its room in memory while other
 *     calls wait for room: after its first second, a body arriving slower loses its room (408) so that
 *     stalled uploads cannot keep genuine calls waiting. 0 checks only the body timeout.
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
    @DefaultValue("false") boolean publishApplicationEvents,
    @DefaultValue Async async,
    @DefaultValue Deduplication deduplication,
    @Nullable DataSize maxBufferedSize,
    @DefaultValue("30s") Duration bodyTimeout,
    @DefaultValue("16KB") DataSize minBodyRate) {

  /** The path of the endpoint unless {@code copernica.webhooks.path} says otherwise. */
  public static final String DEFAULT_PATH = "/webhooks/copernica";

  public CopernicaWebhooksProperties {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("copernica.webhooks.path must start with '/', got '" + path + "'");
    }
    if (maxBodySize.toBytes() < 1) {
      throw new IllegalArgumentException("copernica.webhooks.max-body-size must be positive");
    }
    if (maxBufferedSize != null && maxBufferedSize.toBytes() < 1) {
      throw new IllegalArgumentException("copernica.webhooks.max-buffered-size must be positive");
    }
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("copernica.webhooks.body-timeout must be positive");
    }
    if (minBodyRate.isNegative()) {
      throw new IllegalArgumentException("copernica.webhooks.min-body-rate must not be negative");
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
   * @param provider Cryptographic provider that checks signatures and body digests: 'auto' takes the Amazon
   *     Corretto Crypto Provider (ACCP, native, about twice as fast) when it is on the class path and loads,
   *     else the JDK's; 'jdk' always the JDK's; 'accp' ACCP or a start-up error saying why it cannot load.
   * @param installProviderGlobally Whether to also put ACCP first in the JVM's provider list, so that the
   *     rest of the application (TLS, other libraries) uses it too. Off: only webhook signatures use it.
   */
  public record Signature(
      @DefaultValue("required") SignatureMode mode,
      @Nullable Resource publicKey,
      @DefaultValue("5m") Duration tolerance,
      @DefaultValue("auto") SignatureProvider provider,
      @DefaultValue("false") boolean installProviderGlobally) {

    public Signature {
      if (tolerance.isNegative() || tolerance.isZero()) {
        throw new IllegalArgumentException("copernica.webhooks.signature.tolerance must be positive");
      }
    }
  }

  /**
   * Asynchronous handling, bound from {@code copernica.webhooks.async.*}. A 202 then means "accepted in
   * memory": an event still queued when the process dies is lost, so handlers that must not lose events
   * write them to a durable store first.
   *
   * @param enabled Whether to answer 202 as soon as a call is verified and parsed and to call the handlers
   *     on a bounded pool of threads. Off: calls are handled before they are answered (200, or 500 when a
   *     handler throws, so that Copernica retries).
   * @param threads Threads that call the handlers.
   * @param queueCapacity Events that may wait for a thread; when it is full, calls are answered 503 with
   *     Retry-After.
   * @param shutdownTimeout How long shutting down waits for queued events to be handled; the number not
   *     handled is logged.
   */
  public record Async(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("4") int threads,
      @DefaultValue("1000") int queueCapacity,
      @DefaultValue("30s") Duration shutdownTimeout) {

    public Async {
      if (threads < 1) {
        throw new IllegalArgumentException("copernica.webhooks.async.threads must be at least 1");
      }
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("copernica.webhooks.async.queue-capacity must be at least 1");
      }
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("copernica.webhooks.async.shutdown-timeout must not be negative");
      }
    }
  }

  /**
   * De-duplication, bound from {@code copernica.webhooks.deduplication.*}. An application bean of type
   * {@code EventDeduplicator} (a shared store) replaces the in-memory one and turns it on.
   *
   * @param enabled Whether to answer 200 without dispatching an event whose body (SHA-256) was handled
   *     within the window. A body whose handler failed is forgotten, so a retry is dispatched.
   * @param window How long a handled event is remembered.
   * @param capacity Most events remembered in memory; the eldest are forgotten first.
   */
  public record Deduplication(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("1h") Duration window,
      @DefaultValue("100000") int capacity) {

    public Deduplication {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("copernica.webhooks.deduplication.window must be positive");
      }
      if (capacity < 1) {
        throw new IllegalArgumentException("copernica.webhooks.deduplication.capacity must be at least 1");
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
