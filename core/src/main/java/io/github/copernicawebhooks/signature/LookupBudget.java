package io.github.copernicawebhooks.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * Which DNS lookups of key ids that are not cached may run: the defence against a flood of made-up key ids,
 * which anyone who knows an account id can send.
 *
 * <p>Before it has looked a name up, nothing tells a genuine new selector from a made-up name: the attacker
 * can send any name, any number of times, with any spacing. What only the genuine selector does is keep
 * coming back once it has been refused, and have a key once looked up. The rules follow from that, and none
 * of them rests on a structure the attacker can fill:
 * <ol>
 *   <li><b>Once a window</b>: a name DNS had no key for, or did not answer for, is not looked up again
 *       for a window (the negative TTL, and at most a quarter more), however often it is asked. A flood
 *       therefore never asks DNS more than once per name and window.
 *   <li><b>First sight</b>: a name not seen before is looked up while a shared {@link TokenBucket} has a
 *       token; a flood of names drains it, and then the names are refused and remembered.
 *   <li><b>Asked again</b>: a name that was refused and comes back within 10 to 20 minutes is looked up at
 *       once, outside every shared budget, so that no one else's calls can use up its turn: the budget is
 *       one lookup per name. This is the genuine selector's second call. An attacker who sends each name
 *       twice gets one lookup for every two calls, one per name and window at most; one who never repeats a
 *       name gets none. A name that had its priority lookup and no key gets no second one for 10 to 20
 *       minutes, so repeating an old name every window buys nothing.
 *   <li><b>At most {@value #MAX_RUNNING} at a time</b>: lookups of unknown names beyond that are refused at
 *       once (and the name keeps its priority). This bounds the threads a flood can hold in DNS when DNS is
 *       slow; when it is fast, the limit is never reached.
 * </ol>
 *
 * <p>Why not the obvious structures: a shared budget for names asked again (10 a minute before) is used up
 * by anyone who sends 20 names a minute twice; only a budget of one lookup per name is one that no other
 * caller can spend, and its cost is bounded by the attacker's own calls (one lookup for two calls, one per
 * name and window) and by the limit on lookups at a time. An exact set of refused names (1,024 before) is
 * full within seconds at 200 calls a second, and must then either forget the oldest, pushing the genuine
 * name out, or stop remembering, never letting it in. So the memory of names (looked up, refused, had
 * their priority) is three {@link RecentNames} of fixed size instead: a flood cannot push a name out of
 * them, it can only cause false positives. A false positive costs one extra lookup (refused), or refuses a
 * name for a window (looked up) or until the budget of new names has a token (had its priority); at the
 * sizes here that is at most about 1% of names at 200 calls a second. The price, which no design avoids
 * without telling names apart before looking them up: an attacker who keeps sending thousands of names
 * twice makes DNS answer half its calls, at most {@value #MAX_RUNNING} at a time. Thread-safe; never blocks on I/O.
 */
final class LookupBudget {

  /** How long a name, refused or looked up with priority, is remembered at the least; the most is twice that. */
  static final Duration PRIORITY_MEMORY = Duration.ofMinutes(10);
  static final int MAX_RUNNING = 4;
  // 2^21 bits (256 KiB a slice, two slices) keeps false positives under 0.5% a slice up to 120,000 refused
  // names in 10 minutes, a flood of 200 calls a second; the others hold only names that were looked up. Memory is
  // taken only under a flood: about 850 KiB at the most.
  private static final int REFUSED_BITS = 21;
  private static final int PRIORITY_BITS = 20;
  private static final int LOOKED_UP_BITS = 17;

  /** What {@link #tryAcquire} decided. */
  enum Decision {
    FIRST_SIGHT,
    ASKED_AGAIN,
    RATE_LIMITED,
    RATE_LIMITED_AFTER_PRIORITY,
    LOOKED_UP_RECENTLY,
    BUSY;

    boolean granted() {
      return this == FIRST_SIGHT || this == ASKED_AGAIN;
    }
  }

  private final TokenBucket firstSight;
  private final RecentNames lookedUp;
  private final RecentNames refused;
  private final RecentNames hadPriority;
  private final byte[] salt;
  private final MessageDigest sha256;
  private int running;

  LookupBudget(int lookupsPerMinute, Duration window, byte[] salt, Instant now) {
    this.firstSight = new TokenBucket(lookupsPerMinute, now);
    this.lookedUp = new RecentNames(LOOKED_UP_BITS, window, 4, now);
    this.refused = new RecentNames(REFUSED_BITS, PRIORITY_MEMORY, 1, now);
    this.hadPriority = new RecentNames(PRIORITY_BITS, PRIORITY_MEMORY, 1, now);
    this.salt = salt.clone();
    this.sha256 = sha256();
  }

  /** Whether the name may be looked up now; a granted lookup must be {@linkplain #finished finished}. */
  synchronized Decision tryAcquire(String name, Instant now) {
    byte[] fingerprint = fingerprint(name);
    if (lookedUp.contains(fingerprint, now)) {
      return Decision.LOOKED_UP_RECENTLY;
    }
    Decision decision = decide(fingerprint, now);
    if (decision.granted()) {
      running++;
    } else if (decision != Decision.RATE_LIMITED_AFTER_PRIORITY) {
      refused.add(fingerprint, now);
    }
    return decision;
  }

  /**
   * Remembers that DNS brought no key for the name, or did not answer: it is not asked again within the
   * window. Called before the lookup is over for other callers of the name, so none of them can start a
   * second one.
   */
  synchronized void broughtNoKey(String name, Instant now) {
    lookedUp.add(fingerprint(name), now);
  }

  /** Ends a granted lookup; one asked again that found no key spends the name's priority. */
  synchronized void finished(String name, Decision decision, LookupOutcome.Kind outcome, Instant now) {
    running--;
    if (decision == Decision.ASKED_AGAIN
        && (outcome == LookupOutcome.Kind.GONE || outcome == LookupOutcome.Kind.UNUSABLE)) {
      hadPriority.add(fingerprint(name), now);
    }
  }

  private Decision decide(byte[] fingerprint, Instant now) {
    if (running >= MAX_RUNNING) {
      return Decision.BUSY;
    }
    boolean spent = hadPriority.contains(fingerprint, now);
    if (!spent && refused.contains(fingerprint, now)) {
      return Decision.ASKED_AGAIN;
    }
    if (firstSight.tryTake(now)) {
      return Decision.FIRST_SIGHT;
    }
    return spent ? Decision.RATE_LIMITED_AFTER_PRIORITY : Decision.RATE_LIMITED;
  }

  /** The salted hash every memory of names is indexed by; the salt keeps collisions unpredictable. */
  private byte[] fingerprint(String name) {
    sha256.update(salt);
    return sha256.digest(name.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
