package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@code keyId} such as {@code one._domainkey.copernica.com} through its DNS TXT record
 * ({@code v=DKIM1; k=rsa; p=...}), with the JDK's own DNS provider.
 *
 * <p>Keys are cached for {@link #DEFAULT_CACHE_TTL}, so DNS is off the hot path; a key id not in the cache
 * (Copernica rotated its key) is looked up at once. Lookups of names not in the cache are rate-limited,
 * so a flood of made-up key ids cannot make the receiver hammer DNS, and a name that does not exist is
 * remembered for {@link #DEFAULT_NEGATIVE_TTL}. When DNS is unreachable, a key past its TTL is still used
 * for one more TTL. Thread-safe.
 *
 * <pre>{@code
 * PublicKeyResolver resolver = DnsPublicKeyResolver.builder()
 *     .dnsServer("dns://127.0.0.1:5353")
 *     .build();
 * }</pre>
 */
public final class DnsPublicKeyResolver implements PublicKeyResolver {

  /** How long a resolved key is used before it is looked up again. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);
  /** How long a missing or unusable record is remembered, and the least age of a key before a refresh. */
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(1);
  /** How long the first DNS try waits; one retry waits twice as long. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  /** The most DNS lookups in any minute. */
  public static final int DEFAULT_MAX_LOOKUPS_PER_MINUTE = 30;
  /** The JNDI provider URL for the system's own resolvers. */
  public static final String SYSTEM_DNS = "dns:";

  private final TxtLookup lookup;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Duration negativeTtl;
  private final int maxLookupsPerMinute;
  private final Map<String, CachedKey> cache = new ConcurrentHashMap<>();
  private final ArrayDeque<Instant> recentLookups = new ArrayDeque<>();

  DnsPublicKeyResolver(
      TxtLookup lookup, Clock clock, Duration cacheTtl, Duration negativeTtl, int maxLookupsPerMinute) {
    this.lookup = lookup;
    this.clock = clock;
    this.cacheTtl = cacheTtl;
    this.negativeTtl = negativeTtl;
    this.maxLookupsPerMinute = maxLookupsPerMinute;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PublicKey resolve(String keyId) {
    String name = normalize(keyId);
    CachedKey cached = cache.get(name);
    Instant now = clock.instant();
    if (cached != null && cached.isFresh(now, cacheTtl, negativeTtl)) {
      return cached.keyOrThrow(name);
    }
    return lookUp(name).keyOrThrow(name);
  }

  @Override
  public Optional<PublicKey> refresh(String keyId, PublicKey rejected) {
    String name = normalize(keyId);
    CachedKey cached = cache.get(name);
    if (cached != null && cached.fetchedAt().plus(negativeTtl).isAfter(clock.instant())) {
      return Optional.empty();
    }
    CachedKey refreshed = lookUp(name);
    return Optional.ofNullable(refreshed.key()).filter(key -> !key.equals(rejected));
  }

  private synchronized CachedKey lookUp(String name) {
    Instant now = clock.instant();
    CachedKey cached = cache.get(name);
    if (cached != null && cached.fetchedAt().plus(negativeTtl).isAfter(now)) {
      return cached; // another thread just looked it up
    }
    if (!mayLookUp(now)) {
      return usableStale(cached, now)
          .orElseThrow(() -> new WebhookException(Reason.KEY_UNAVAILABLE, "DNS key lookups are rate-limited"));
    }
    CachedKey fresh;
    try {
      fresh = CachedKey.found(DkimRecord.publicKey(lookup.txt(name)), now);
    } catch (NameNotFoundException e) {
      fresh = CachedKey.missing("no DNS record for key id " + name, now);
    } catch (IllegalArgumentException e) {
      fresh = CachedKey.missing("DNS record for key id " + name + " is unusable: " + e.getMessage(), now);
    } catch (NamingException e) {
      return usableStale(cached, now)
          .orElseThrow(() -> new WebhookException(
              Reason.KEY_UNAVAILABLE, "DNS lookup for key id " + name + " failed: " + e.getClass().getSimpleName(), e));
    }
    cache.put(name, fresh);
    return fresh;
  }

  private Optional<CachedKey> usableStale(@Nullable CachedKey cached, Instant now) {
    return Optional.ofNullable(cached)
        .filter(entry -> entry.key() != null && entry.fetchedAt().plus(cacheTtl.multipliedBy(2)).isAfter(now));
  }

  private boolean mayLookUp(Instant now) {
    Instant windowStart = now.minus(Duration.ofMinutes(1));
    while (!recentLookups.isEmpty() && !recentLookups.peekFirst().isAfter(windowStart)) {
      recentLookups.pollFirst();
    }
    if (recentLookups.size() >= maxLookupsPerMinute) {
      return false;
    }
    recentLookups.addLast(now);
    return true;
  }

  private static String normalize(String keyId) {
    String name = keyId.toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** A resolved key, or the reason there is none, with when it was looked up. */
  private record CachedKey(@Nullable PublicKey key, @Nullable String problem, Instant fetchedAt) {

    static CachedKey found(PublicKey key, Instant now) {
      return new CachedKey(key, null, now);
    }

    static CachedKey missing(String problem, Instant now) {
      return new CachedKey(null, problem, now);
    }

    boolean isFresh(Instant now, Duration cacheTtl, Duration negativeTtl) {
      return fetchedAt.plus(key != null ? cacheTtl : negativeTtl).isAfter(now);
    }

    PublicKey keyOrThrow(String name) {
      if (key == null) {
        throw new WebhookException(Reason.KEY_NOT_FOUND, problem != null ? problem : "no key for " + name);
      }
      return key;
    }
  }

  /** Builds a {@link DnsPublicKeyResolver}. */
  public static final class Builder {
    private String dnsServer = SYSTEM_DNS;
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxLookupsPerMinute = DEFAULT_MAX_LOOKUPS_PER_MINUTE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The DNS server as a JNDI URL, {@code dns://127.0.0.1:5353}; default {@link #SYSTEM_DNS}. */
    public Builder dnsServer(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("dns:")) {
        throw new IllegalArgumentException("DNS server must be a dns: URL such as dns://127.0.0.1:53, was " + url);
      }
      this.dnsServer = url;
      return this;
    }

    /** How long a resolved key is used before it is looked up again; default one hour. */
    public Builder cacheTtl(Duration cacheTtl) {
      this.cacheTtl = positive(cacheTtl, "cacheTtl");
      return this;
    }

    /** How long a missing record is remembered; also the least age of a key before it is refreshed. */
    public Builder negativeTtl(Duration negativeTtl) {
      this.negativeTtl = positive(negativeTtl, "negativeTtl");
      return this;
    }

    /** How long the first DNS try waits; default 500 ms. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** The most DNS lookups in any minute; default 30. */
    public Builder maxLookupsPerMinute(int maxLookupsPerMinute) {
      if (maxLookupsPerMinute < 1) {
        throw new IllegalArgumentException("maxLookupsPerMinute must be at least 1");
      }
      this.maxLookupsPerMinute = maxLookupsPerMinute;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public DnsPublicKeyResolver build() {
      return new DnsPublicKeyResolver(
          new JndiTxtLookup(dnsServer, timeout), clock, cacheTtl, negativeTtl, maxLookupsPerMinute);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
