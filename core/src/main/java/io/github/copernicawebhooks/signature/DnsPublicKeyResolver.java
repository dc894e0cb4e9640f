package io.github.copernicawebhooks.signature;


import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PublicKey;
import java.security.SecureRandom;
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
 *   <li><b>Unknown names</b> are budgeted (the reasoning is in {@code LookupBudget}): DNS is asked at most
 *       once per name every {@link #DEFAULT_NEGATIVE_TTL}, however often the name is asked and whatever
 *       the lookup brought. Names seen for the first time are looked up at {@link
 *       #DEFAULT_MAX_LOOKUPS_PER_MINUTE} a minute (all of them at once as a burst); beyond that they are
 *       refused ({@code KEY_UNAVAILABLE}, the sender retries) and remembered for 10 to 20 minutes. A
 *       remembered name that is asked for again, such as a genuine new selector named by Copernica's next
 *       call, is looked up at once, outside every shared budget: an attacker's names cannot use up its
 *       turn, and a flood of other names cannot push it out of a memory of fixed size that forgets nothing
 *       younger than 10 minutes. A name gets that priority once: one that had no key waits 10 to 20
 *       minutes for the next. At most four lookups of unknown names run at a time. Known keys are never
 *       affected.
 *   <li><b>Names without a key</b> are remembered with the reason for {@link #DEFAULT_NEGATIVE_TTL} ({@code
 *       KEY_NOT_FOUND}, no lookup), at most 1,024 of them; the oldest are forgotten first, and are then
 *       {@code KEY_UNAVAILABLE} until their window ends rather than asked again.
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
  /**
   * How many names seen for the first time are looked up a minute; names refused before and asked for
   * again are looked up outside this budget, once per name.
   */
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
    this.budget = new LookupBudget(builder.maxLookupsPerMinute, negativeTtl, builder.salt(), clock.instant());
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
    LookupOutcome outcome = inFlight.containsKey(name) ? lookUpNew(name) : lookUpBudgeted(name, now);
    if (outcome.key() != null) {
      return outcome.key();
    }
    throw outcome.refusal();
  }

  private LookupOutcome lookUpBudgeted(String name, Instant now) {
    LookupBudget.Decision decision = budget.tryAcquire(name, now);
    if (!decision.granted()) {
      throw refusal(name, decision);
    }
    LookupOutcome.Kind kind = LookupOutcome.Kind.FAILED;
    try {
      LookupOutcome outcome = lookUpNew(name);
      kind = outcome.kind();
      return outcome;
    } finally {
      budget.finished(name, decision, kind, clock.instant());
    }
  }

  private WebhookException refusal(String name, LookupBudget.Decision decision) {
    String why = switch (decision) {
      case RATE_LIMITED -> "DNS lookups of new key ids are rate-limited; key id " + name
          + " has priority when it is asked for again";
      case RATE_LIMITED_AFTER_PRIORITY -> "DNS lookups of new key ids are rate-limited; key id " + name
          + " had its priority lookup, without a key, less than " + LookupBudget.PRIORITY_MEMORY.multipliedBy(2)
          + " ago";
      case LOOKED_UP_RECENTLY -> "DNS brought no key for key id " + name + " less than "
          + negativeTtl.plus(negativeTtl.dividedBy(4)) + " ago; it is asked at most once per name in " + negativeTtl;
      case BUSY -> LookupBudget.MAX_RUNNING + " DNS lookups of new key ids are running; key id " + name
          + " has priority when it is asked for again";
      case FIRST_SIGHT, ASKED_AGAIN -> throw new IllegalArgumentException("granted: " + decision);
    };
    return new WebhookException(Reason.KEY_UNAVAILABLE, why);
  }

  /**
   * Like {@link #lookUp} for a name that was not cached when the caller looked: a lookup of it that
   * finished between that look and this one has cached its key, which is then taken instead of asking DNS
   * a second time.
   */
  private LookupOutcome lookUpNew(String name) {
    CompletableFuture<LookupOutcome> mine = new CompletableFuture<>();
    CompletableFuture<LookupOutcome> running = inFlight.putIfAbsent(name, mine);
    if (running != null) {
      return await(name, running);
    }
    KnownKey arrived = keys.get(name);
    if (arrived != null && arrived.isFresh(clock.instant(), cacheTtl)) {
      LookupOutcome cached = LookupOutcome.found(arrived.key());
      mine.complete(cached);
      inFlight.remove(name, mine);
      return cached;
    }
    return run(name, mine);
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
      budget.broughtNoKey(name, now);
      if (outcome.kind() != LookupOutcome.Kind.FAILED) {
        missing.put(name, outcome.problem(), now);
      }
    } else if (outcome.kind() == LookupOutcome.Kind.GONE && !known.isFresh(now, cacheTtl)) {
      budget.broughtNoKey(name, now);
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
    private @Nullable TxtLookup txtLookup;
    private byte @Nullable [] salt;

    private Builder() {}

    /**
     * Where TXT records come from; by default the JDK's JNDI DNS provider asking {@link #dnsServer}, or,
     * on a runtime without that provider (a native image), the SDK's own DNS client asking the server of
     * {@code /etc/resolv.conf} (or the {@link #dnsServer} given). {@link #timeout} does not apply to a
     * lookup given here.
     */
    public Builder txtLookup(TxtLookup txtLookup) {
      this.txtLookup = Objects.requireNonNull(txtLookup, "txtLookup");
      return this;
    }

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
     * How many names seen for the first time may be looked up a minute; default 10. Refreshes of known
     * keys and the one priority lookup of a name that was refused and is asked for again do not count.
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

    /**
     * The resolver.
     *
     * @throws IllegalStateException when the runtime has no JNDI DNS provider and no DNS server can be
     *     found for the SDK's own client (give one with {@link #dnsServer} or {@link #txtLookup})
     */
    public DnsPublicKeyResolver build() {
      return build(txtLookup != null ? txtLookup : defaultLookup());
    }

    private TxtLookup defaultLookup() {
      if (TxtLookup.jndiAvailable()) {
        return TxtLookup.jndi(dnsServer, timeout);
      }
      if (!dnsServer.equals(SYSTEM_DNS)) {
        URI server = URI.create(dnsServer);
        return TxtLookup.direct(new InetSocketAddress(server.getHost(), server.getPort() < 0 ? 53 : server.getPort()),
            timeout);
      }
      try {
        return TxtLookup.directSystem(timeout);
      } catch (IOException unreadable) {
        throw new IllegalStateException("no JNDI DNS provider on this runtime and no DNS server found for the"
            + " SDK's own client: " + unreadable.getMessage() + "; set dnsServer(\"dns://host:53\")", unreadable);
      }
    }

    /** A fixed salt for the memory of refused names, so that a test's false positives are the same each run. */
    Builder salt(byte[] salt) {
      this.salt = salt.clone();
      return this;
    }

    private byte[] salt() {
      if (salt != null) {
        return salt;
      }
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      return random;
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
