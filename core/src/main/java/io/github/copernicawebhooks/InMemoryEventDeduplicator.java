package io.github.copernicawebhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Claimed keys in claim order with their expiry. Every key lives for the same window, so the eldest is
 * always the first to expire: purging from the head keeps the map small without a timer thread.
 */
final class InMemoryEventDeduplicator implements EventDeduplicator {

  private final long windowMillis;
  private final int capacity;
  private final Clock clock;
  private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

  InMemoryEventDeduplicator(Duration window, int capacity, Clock clock) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("de-duplication window must be positive, was " + window);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("de-duplication capacity must be at least 1, was " + capacity);
    }
    this.windowMillis = window.toMillis();
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized boolean claim(String key) {
    long now = clock.millis();
    purgeExpired(now);
    Long expiry = expiries.get(key);
    if (expiry != null && expiry > now) {
      return false;
    }
    expiries.remove(key);
    expiries.put(key, now + windowMillis);
    if (expiries.size() > capacity) {
      Iterator<String> eldest = expiries.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }

  @Override
  public synchronized void release(String key) {
    expiries.remove(key);
  }

  synchronized int size() {
    return expiries.size();
  }

  private void purgeExpired(long now) {
    Iterator<Map.Entry<String, Long>> entries = expiries.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue() <= now) {
      entries.remove();
    }
  }
}
