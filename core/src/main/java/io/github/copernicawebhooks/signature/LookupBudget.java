package io.github.copernicawebhooks.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DNS lookups allowed for key ids that are not cached: one budget for names seen for the first time,
 * and a second one for names that were refused before and are asked for again.
 *
 * <p>A flood of made-up key ids drains the first budget, but a name that is never asked for twice never
 * touches the second: a genuine new selector, which every later call of Copernica's names again, is looked
 * up the second time it is asked for. Refused names are remembered for {@link #WAITING_TIME}, at most
 * {@link #MAX_WAITING} of them (the oldest are forgotten first). Thread-safe; never blocks on I/O.
 */
final class LookupBudget {

  static final int MAX_WAITING = 1024;
  static final Duration WAITING_TIME = Duration.ofMinutes(15);

  private final TokenBucket firstSight;
  private final TokenBucket askedAgain;
  private final Map<String, Instant> refused = new LinkedHashMap<>();

  LookupBudget(int lookupsPerMinute, Instant now) {
    this.firstSight = new TokenBucket(lookupsPerMinute, now);
    this.askedAgain = new TokenBucket(lookupsPerMinute, now);
  }

  /** Whether the name may be looked up now; a refused name is remembered, so it has priority next time. */
  synchronized boolean tryAcquire(String name, Instant now) {
    forgetOldRefusals(now);
    boolean askedBefore = refused.containsKey(name);
    if ((askedBefore && askedAgain.tryTake(now)) || firstSight.tryTake(now)) {
      refused.remove(name);
      return true;
    }
    if (!askedBefore) {
      refused.put(name, now);
      if (refused.size() > MAX_WAITING) {
        Iterator<String> eldest = refused.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return false;
  }

  synchronized int waiting() {
    return refused.size();
  }

  private void forgetOldRefusals(Instant now) {
    Instant cutoff = now.minus(WAITING_TIME);
    for (Iterator<Instant> oldest = refused.values().iterator(); oldest.hasNext(); ) {
      if (oldest.next().isAfter(cutoff)) {
        return;
      }
      oldest.remove();
    }
  }
}
