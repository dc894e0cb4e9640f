package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InvalidNameException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@code keyId} such as {@code one._domainkey.copernica.com} through its DNS TXT record
 * ({@code v=DKIM1; k=rsa; p=...}, an RSA key of at least {@link PublicKeyResolver#MINIMUM_RSA_KEY_BITS}
 * bits), with the JDK's own DNS provider. Thread-safe.
 *
 * <p>Anyone who knows an account id can send calls with made-up key ids, so lookups are budgeted such that
 * a flood of unknown names can block neither the keys in use nor a newly rotated one:
 * <ul>
 *   <li><b>Known keys</b> (a name whose record held a usable key) are served from the cache for {@link
 *       #DEFAULT_CACHE_TTL} and then refreshed on their own schedule, outside every budget: one lookup per
 *       name at a time, retried at most once per {@link #DEFAULT_NEGATIVE_TTL} while it fails. Callers
 *       that arrive during a refresh get the cached key at once.
 *   <li><b>A failed refresh keeps the good key</b>: a timeout, a server failure or a record without a
 *       usable key (garbled, too short, not RSA) never replaces it; it is served stale for up to {@link
 *       #DEFAULT_MAX_STALE} past its TTL, then calls get {@code KEY_UNAVAILABLE} (503, the sender retries).
 *       Only the owner's withdrawal ends a key early: once its TTL has run out, a name that no longer exists
 *       (NXDOMAIN) or a record that revokes the key (empty {@code p=}) drops it. A refresh asked for
 *       because a signature did not verify never drops a key before its TTL.
 *   <li><b>Unknown names</b> are rate-limited: {@link #DEFAULT_MAX_LOOKUPS_PER_MINUTE} names a minute
 *       (all of them at once as a burst) seen for the first time, and as many again for names that were
 *       refused before and are asked for again (the last 1,024 refused names of the last 15 minutes). Random
 *       names never come twice, so they cannot use up the second budget; a genuine new selector, named by
 *       every later call, is looked up at the latest the second time it is asked for. A refused lookup is
 *       {@code KEY_UNAVAILABLE}. An attacker who repeats each name can drain the second budget too; known
 *       keys are never affected.
 *   <li><b>Names without a key</b> are remembered for {@link #DEFAULT_NEGATIVE_TTL} ({@code KEY_NOT_FOUND},
 *       no lookup), at most 1,024 of them; the oldest are forgotten first.
 *   <li><b>No lock is held during DNS I/O</b>: a slow lookup of one name never delays another name; callers
 *       of a name being looked up wait for that one lookup (at most four times the {@link
 *       Builder#timeout(Duration) timeout}) instead of starting their own.
 * </ul>
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
  /** How long a name without a key is remembered; also the least time between two lookups of one name. */
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(1);
  /** How long past its TTL a key is still used while refreshes fail. */
  public static final Duration DEFAULT_MAX_STALE = Duration.ofDays(1);
  /** How long the first DNS try waits; one retry waits twice as long. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  /** How many names not in the cache are looked up a minute, for each of the two budgets. */
  public static final int DEFAULT_MAX_LOOKUPS_PER_MINUTE = 10;
  /** The JNDI provider URL for the system's own resolvers. */
  public static final String SYSTEM_DNS = "dns:";

  static final int MAX_KNOWN_KEYS = 100;
  static final int MAX_NEGATIVE_ENTRIES = 1024;

  private static final Logger LOGGER = System.getLogger(DnsPublicKeyResolver.class.getName());

  private final TxtLookup lookup;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Duration negativeTtl;
  private final Duration maxStale;
  private final Duration waitLimit;
  private final Map<String, KnownKey> keys = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<LookupOutcome>> inFlight = new ConcurrentHashMap<>();
  private final NegativeCache missing;
  private final LookupBudget budget;

  private DnsPublicKeyResolver(Builder builder, TxtLookup lookup) {
    this.lookup = lookup;
    this.clock = builder.clock;
    this.cacheTtl = builder.cacheTtl;
    this.negativeTtl = builder.negativeTtl;
    this.maxStale = builder.maxStale;
    this.waitLimit = builder.timeout.multipliedBy(4);
    this.missing = new NegativeCache(MAX_NEGATIVE_ENTRIES, negativeTtl);
    this.budget = new LookupBudget(builder.maxLookupsPerMinute, clock.instant());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PublicKey resolve(String keyId) {
    String name = normalize(keyId);
    Instant now = clock.instant();
    KnownKey known = keys.get(name);
    if (known != null) {
      return known.isFresh(now, cacheTtl) ? known.key() : expiredKey(name, known, now);
    }
    return newKey(name, now);
  }

  /**
   * Looks the name up again when the cached key did not verify a signature (the key may have been
   * rotated in place), at most once per negative TTL per name; a lookup without a usable key keeps the
   * cached one.
   */
  @Override
  public Optional<PublicKey> refresh(String keyId, PublicKey rejected) {
    String name = normalize(keyId);
    KnownKey known = keys.get(name);
    if (known == null || !known.mayRetry(clock.instant(), negativeTtl)) {
      return Optional.empty();
    }
    return Optional.ofNullable(lookUp(name).key()).filter(key -> !key.equals(rejected));
  }

  /** How many names are remembered as having no key; for tests. */
  int missingNames() {
    return missing.size(clock.instant());
  }

  private PublicKey expiredKey(String name, KnownKey known, Instant now) {
    boolean mayRetry = known.mayRetry(now, negativeTtl);
    LookupOutcome outcome;
    if (known.isServable(now, cacheTtl, maxStale)) {
      outcome = mayRetry ? lookUpUnlessRunning(name) : null;
      if (outcome == null) {
        return known.key(); // not due yet, or another caller is refreshing it
      }
    } else if (mayRetry || inFlight.containsKey(name)) {
      outcome = lookUp(name);
    } else {
      throw tooStale(name, known);
    }
    KnownKey after = keys.get(name);
    if (after != null && after.isServable(clock.instant(), cacheTtl, maxStale)) {
      return after.key();
    }
    throw after != null ? tooStale(name, after) : outcome.refusal();
  }

  private PublicKey newKey(String name, Instant now) {
    Optional<String> problem = missing.problem(name, now);
    if (problem.isPresent()) {
      throw new WebhookException(Reason.KEY_NOT_FOUND, problem.get());
    }
    if (!inFlight.containsKey(name) && !budget.tryAcquire(name, now)) {
      throw new WebhookException(Reason.KEY_UNAVAILABLE, "DNS lookups of new key ids are rate-limited; key id "
          + name + " has priority when it is asked for again");
    }
    LookupOutcome outcome = lookUp(name);
    if (outcome.key() != null) {
      return outcome.key();
    }
    throw outcome.refusal();
  }

  /** One lookup of the name at a time: the first caller queries DNS, later ones wait for its outcome. */
  private LookupOutcome lookUp(String name) {
    CompletableFuture<LookupOutcome> mine = new CompletableFuture<>();
    CompletableFuture<LookupOutcome> running = inFlight.putIfAbsent(name, mine);
    return running != null ? await(name, running) : run(name, mine);
  }

  /** A lookup of the name, or null when one is already running. */
  private @Nullable LookupOutcome lookUpUnlessRunning(String name) {
    CompletableFuture<LookupOutcome> mine = new CompletableFuture<>();
    return inFlight.putIfAbsent(name, mine) != null ? null : run(name, mine);
  }

  private LookupOutcome run(String name, CompletableFuture<LookupOutcome> mine) {
    try {
      LookupOutcome outcome = query(name);
      remember(name, outcome, clock.instant());
      mine.complete(outcome);
      return outcome;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(name, mine);
    }
  }

  private LookupOutcome await(String name, CompletableFuture<LookupOutcome> running) {
    try {
      return running.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new WebhookException(
          Reason.KEY_UNAVAILABLE, "DNS lookup for key id " + name + " takes longer than " + waitLimit, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookException(Reason.KEY_UNAVAILABLE, "interrupted waiting for the DNS lookup of " + name, e);
    } catch (ExecutionException e) {
      throw new WebhookException(Reason.KEY_UNAVAILABLE, "DNS lookup for key id " + name + " failed", e.getCause());
    }
  }

  private LookupOutcome query(String name) {
    try {
      return LookupOutcome.found(DkimRecord.publicKey(lookup.txt(name)));
    } catch (NameNotFoundException e) {
      return LookupOutcome.gone("no DNS record for key id " + name);
    } catch (DkimRecord.RevokedKeyException e) {
      return LookupOutcome.gone("DNS record for key id " + name + " revokes its key (p= is empty)");
    } catch (IllegalArgumentException e) {
      return LookupOutcome.unusable("DNS record for key id " + name + " is unusable: " + e.getMessage());
    } catch (InvalidNameException e) {
      return LookupOutcome.unusable("key id " + name + " is not a DNS name");
    } catch (NamingException e) {
      return LookupOutcome.failed(
          "DNS lookup for key id " + name + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Records the outcome: only a usable key, or the owner's withdrawal after the TTL, replaces a known key. */
  private void remember(String name, LookupOutcome outcome, Instant now) {
    KnownKey known = keys.get(name);
    PublicKey key = outcome.key();
    if (key != null) {
      keys.put(name, KnownKey.fetched(key, now));
      missing.remove(name);
      if (known == null) {
        forgetOldestKeysBeyondTheLimit();
      }
    } else if (known == null) {
      if (outcome.kind() != LookupOutcome.Kind.FAILED) {
        missing.put(name, outcome.problem(), now);
      }
    } else if (outcome.kind() == LookupOutcome.Kind.GONE && !known.isFresh(now, cacheTtl)) {
      keys.remove(name);
      missing.put(name, outcome.problem(), now);
      LOGGER.log(Level.INFO, "key id {0} dropped: {1}", name, outcome.problem());
    } else {
      keys.put(name, known.keptAfter(outcome.problem(), now));
      LOGGER.log(Level.WARNING, "DNS refresh of key id {0} brought no usable key ({1}); the key fetched at {2}"
          + " stays in use", name, outcome.problem(), known.fetchedAt());
    }
  }

  private void forgetOldestKeysBeyondTheLimit() {
    while (keys.size() > MAX_KNOWN_KEYS) {
      keys.entrySet().stream()
          .min(Comparator.comparing(entry -> entry.getValue().fetchedAt()))
          .ifPresent(oldest -> keys.remove(oldest.getKey(), oldest.getValue()));
    }
  }

  private WebhookException tooStale(String name, KnownKey known) {
    return new WebhookException(Reason.KEY_UNAVAILABLE, "the key for key id " + name + " is more than "
        + maxStale + " past its TTL and DNS has not confirmed it since: "
        + Objects.requireNonNullElse(known.lastProblem(), "not refreshed yet"));
  }

  private static String normalize(String keyId) {
    String name = keyId.toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** Builds a {@link DnsPublicKeyResolver}. */
  public static final class Builder {
    private String dnsServer = SYSTEM_DNS;
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
    private Duration maxStale = DEFAULT_MAX_STALE;
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

    /**
     * How long a name without a key is remembered; also the least time between two lookups of one known
     * name (retries of a failing refresh, refreshes after a signature that did not verify). Default one
     * minute.
     */
    public Builder negativeTtl(Duration negativeTtl) {
      this.negativeTtl = positive(negativeTtl, "negativeTtl");
      return this;
    }

    /** How long past its TTL a key is still used while DNS cannot confirm it; default one day, zero for never. */
    public Builder maxStale(Duration maxStale) {
      Objects.requireNonNull(maxStale, "maxStale");
      if (maxStale.isNegative()) {
        throw new IllegalArgumentException("maxStale must not be negative, was " + maxStale);
      }
      this.maxStale = maxStale;
      return this;
    }

    /** How long the first DNS try waits; default 500 ms. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How many names that are not cached may be looked up a minute, in each of the two budgets (names seen
     * the first time, names asked for again); default 10. Refreshes of known keys do not count.
     */
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
      return build(new JndiTxtLookup(dnsServer, timeout));
    }

    /** A resolver over another source of TXT records, for tests. */
    DnsPublicKeyResolver build(TxtLookup txtLookup) {
      return new DnsPublicKeyResolver(this, Objects.requireNonNull(txtLookup, "txtLookup"));
    }

    private static Duration positive(@Nullable Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
