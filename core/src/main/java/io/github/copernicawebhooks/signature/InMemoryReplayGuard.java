package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens in insertion order with their expiry. Requests arrive roughly in {@code Date} order, so the
 * eldest entries are also the first to expire: purging from the head keeps the map small without a
 * timer thread. When the capacity is reached, every expired token is swept out (at most once until the
 * earliest remaining one expires); if there is still no room, the new token is refused, never an unexpired
 * one forgotten.
 */
final class InMemoryReplayGuard implements ReplayGuard {

  private final int capacity;
  private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();
  /** No token expires before this instant: a sweep before then would find nothing. */
  private Instant earliestExpiry = Instant.MAX;

  InMemoryReplayGuard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("replay guard capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean claim(String token, Instant now, Instant expiresAt) {
    purgeExpired(now);
    Instant expiry = expiries.get(token);
    if (expiry != null && !expiry.isBefore(now)) {
      return false;
    }
    if (expiry != null) {
      expiries.remove(token); // an expired record: the token is new again, and goes to the end
    }
    if (expiries.size() >= capacity) {
      sweepExpired(now);
      if (expiries.size() >= capacity) {
        throw new WebhookException(Reason.REPLAY_GUARD_FULL,
            "the replay guard holds " + capacity + " unexpired tokens; refusing rather than forgetting one");
      }
    }
    expiries.put(token, expiresAt);
    if (expiresAt.isBefore(earliestExpiry)) {
      earliestExpiry = expiresAt;
    }
    return true;
  }

  synchronized int size() {
    return expiries.size();
  }

  private void purgeExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> entries = expiries.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue().isBefore(now)) {
      entries.remove();
    }
  }

  /** Removes every expired token, wherever it is, and notes when the earliest remaining one expires. */
  private void sweepExpired(Instant now) {
    if (!earliestExpiry.isBefore(now)) {
      return;
    }
    Instant earliest = Instant.MAX;
    Iterator<Instant> values = expiries.values().iterator();
    while (values.hasNext()) {
      Instant expiry = values.next();
      if (expiry.isBefore(now)) {
        values.remove();
      } else if (expiry.isBefore(earliest)) {
        earliest = expiry;
      }
    }
    earliestExpiry = earliest;
  }
}
