package io.github.copernicawebhooks.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names DNS has no usable key for, each with the reason, remembered for a while and bounded in number:
 * beyond the capacity the oldest entry is forgotten, which costs at most one more lookup of that name.
 * Thread-safe; never blocks on I/O.
 */
final class NegativeCache {

  private record Entry(String problem, Instant expiresAt) {}

  private final int capacity;
  private final Duration ttl;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  NegativeCache(int capacity, Duration ttl) {
    this.capacity = capacity;
    this.ttl = ttl;
  }

  /** Why the name has no key, while that is remembered. */
  synchronized Optional<String> problem(String name, Instant now) {
    Entry entry = entries.get(name);
    if (entry == null) {
      return Optional.empty();
    }
    if (!now.isBefore(entry.expiresAt())) {
      entries.remove(name);
      return Optional.empty();
    }
    return Optional.of(entry.problem());
  }

  synchronized void put(String name, String problem, Instant now) {
    entries.remove(name); // re-inserted at the end, so insertion order stays expiry order
    forgetExpired(now);
    entries.put(name, new Entry(problem, now.plus(ttl)));
    if (entries.size() > capacity) {
      Iterator<String> eldest = entries.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  synchronized void remove(String name) {
    entries.remove(name);
  }

  synchronized int size(Instant now) {
    forgetExpired(now);
    return entries.size();
  }

  private void forgetExpired(Instant now) {
    for (Iterator<Entry> oldest = entries.values().iterator(); oldest.hasNext(); ) {
      if (now.isBefore(oldest.next().expiresAt())) {
        return;
      }
      oldest.remove();
    }
  }
}
