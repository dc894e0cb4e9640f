package io.github.copernicawebhooks.signature;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens in insertion order with their expiry. Requests arrive roughly in {@code Date} order, so the
 * eldest entries are also the first to expire: purging from the head keeps the map small without a
 * timer thread, and the capacity bounds it when a burst outpaces expiry.
 */
final class InMemoryReplayGuard implements ReplayGuard {

  private final int capacity;
  private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

  InMemoryReplayGuard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("replay guard capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean firstUse(String token, Instant now, Instant expiresAt) {
    purgeExpired(now);
    Instant expiry = expiries.get(token);
    if (expiry != null && !expiry.isBefore(now)) {
      return false;
    }
    expiries.remove(token);
    expiries.put(token, expiresAt);
    if (expiries.size() > capacity) {
      Iterator<String> eldest = expiries.keySet().iterator();
      eldest.next();
      eldest.remove();
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
}
