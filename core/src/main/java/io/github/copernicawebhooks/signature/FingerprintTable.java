package io.github.copernicawebhooks.signature;

/**
 * One stripe of the in-memory replay guard: 64-bit fingerprints with their expiry in whole seconds, in two
 * primitive arrays with linear probing, 12 bytes a slot. A fingerprint of 0 marks an empty slot. A claim
 * reuses the slot of an expired entry on its probe path when there is one. The table starts small and
 * doubles up to the size its limit needs (the only time it allocates); at full size, when it reaches the
 * limit, its expired entries are deleted in place (at most once until the earliest remaining one expires),
 * and if that frees nothing the claim is refused: an unexpired entry is never dropped. Guarded by its own
 * monitor.
 */
final class FingerprintTable {

  static final int CLAIMED = 0;
  static final int REPLAYED = 1;
  static final int FULL = 2;

  private static final int INITIAL_SLOTS = 1 << 10;
  /** Linear probing stays short up to this share of slots in use: about 2.5 probes to find, 8.5 to miss. */
  private static final double MAX_LOAD = 0.75;

  private final int limit;
  private final int maxSlots;
  private long[] fingerprints;
  private int[] expiries;
  /** Entries in use, expired ones not yet reused or swept out included. */
  private int size;
  /** No entry expires before this second: a sweep before then would free nothing. */
  private int earliestExpiry = Integer.MAX_VALUE;

  FingerprintTable(int limit) {
    this.limit = limit;
    this.maxSlots = slotsFor(limit);
    int slots = Math.min(maxSlots, INITIAL_SLOTS);
    fingerprints = new long[slots];
    expiries = new int[slots];
  }

  /** The slots a table needs to hold {@code entries} within the load factor: a power of two, above it. */
  static int slotsFor(int entries) {
    long needed = Math.max(2, (long) Math.ceil(entries / MAX_LOAD));
    if (needed > 1 << 30) {
      throw new IllegalArgumentException("a replay guard stripe cannot hold " + entries + " tokens");
    }
    return Integer.highestOneBit((int) needed - 1) << 1;
  }

  /**
   * Claims a non-zero fingerprint; {@code now} and {@code expiry} are in the seconds of {@link
   * InMemoryReplayGuard}: an entry lives while its expiry is not before now.
   *
   * @return {@link #CLAIMED}, {@link #REPLAYED} or {@link #FULL}
   */
  synchronized int claim(long fingerprint, int now, int expiry) {
    int mask = fingerprints.length - 1;
    int reusable = -1;
    for (int slot = (int) fingerprint & mask; ; slot = (slot + 1) & mask) {
      long stored = fingerprints[slot];
      if (stored == fingerprint) {
        if (expiries[slot] >= now) {
          return REPLAYED;
        }
        store(slot, fingerprint, expiry);
        return CLAIMED;
      }
      if (stored == 0) {
        return reusable >= 0 ? reuse(reusable, fingerprint, expiry) : insert(slot, fingerprint, now, expiry);
      }
      if (reusable < 0 && expiries[slot] < now) {
        reusable = slot; // the token may still come further on: keep looking before taking this slot
      }
    }
  }

  private int reuse(int slot, long fingerprint, int expiry) {
    store(slot, fingerprint, expiry);
    return CLAIMED;
  }

  private int insert(int emptySlot, long fingerprint, int now, int expiry) {
    if (size < threshold()) {
      size++;
      store(emptySlot, fingerprint, expiry);
      return CLAIMED;
    }
    if (!makeRoom(now)) {
      return FULL;
    }
    return claim(fingerprint, now, expiry); // the slots moved: probe again, once
  }

  private void store(int slot, long fingerprint, int expiry) {
    fingerprints[slot] = fingerprint;
    expiries[slot] = expiry;
    if (expiry < earliestExpiry) {
      earliestExpiry = expiry;
    }
  }

  /** The most entries the table takes at its current size. */
  private int threshold() {
    return fingerprints.length == maxSlots ? limit : (int) (fingerprints.length * MAX_LOAD);
  }

  /** Grows the table, or sweeps out expired entries at full size; whether there is room afterwards. */
  private boolean makeRoom(int now) {
    if (fingerprints.length < maxSlots) {
      grow(fingerprints.length * 2, now);
    } else if (earliestExpiry < now) {
      sweep(now);
    }
    return size < threshold();
  }

  /**
   * Deletes every expired entry in place. The walk starts after an empty slot, so that no cluster of
   * entries wraps around its start; a deletion shifts the entries behind it back, only onto slots the walk
   * has not passed yet, so the slot just emptied is looked at again.
   */
  private void sweep(int now) {
    int mask = fingerprints.length - 1;
    int start = 0;
    while (fingerprints[start] != 0) {
      start++; // there is always an empty slot: the limit is below the slot count
    }
    earliestExpiry = Integer.MAX_VALUE;
    for (int step = 1; step <= mask; step++) {
      int slot = (start + step) & mask;
      while (fingerprints[slot] != 0 && expiries[slot] < now) {
        delete(slot);
      }
      if (fingerprints[slot] != 0 && expiries[slot] < earliestExpiry) {
        earliestExpiry = expiries[slot];
      }
    }
  }

  /** Deletes the entry at {@code hole}, shifting back the entries after it that may take its place. */
  private void delete(int hole) {
    int mask = fingerprints.length - 1;
    for (int next = (hole + 1) & mask; fingerprints[next] != 0; next = (next + 1) & mask) {
      int home = (int) fingerprints[next] & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) { // its home is not between the hole and it
        fingerprints[hole] = fingerprints[next];
        expiries[hole] = expiries[next];
        hole = next;
      }
    }
    fingerprints[hole] = 0;
    size--;
  }

  /** Moves the unexpired entries into new arrays of {@code slots} slots. */
  private void grow(int slots, int now) {
    long[] oldFingerprints = fingerprints;
    int[] oldExpiries = expiries;
    fingerprints = new long[slots];
    expiries = new int[slots];
    size = 0;
    earliestExpiry = Integer.MAX_VALUE;
    int mask = slots - 1;
    for (int i = 0; i < oldFingerprints.length; i++) {
      long fingerprint = oldFingerprints[i];
      if (fingerprint != 0 && oldExpiries[i] >= now) {
        int slot = (int) fingerprint & mask;
        while (fingerprints[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        store(slot, fingerprint, oldExpiries[i]);
        size++;
      }
    }
  }

  /** The entries in use, expired ones not yet swept out included. */
  synchronized int size() {
    return size;
  }

  /** The bytes the arrays take now. */
  synchronized long bytes() {
    return (long) fingerprints.length * (Long.BYTES + Integer.BYTES);
  }

  /** The bytes the arrays take at their largest. */
  long maxBytes() {
    return (long) maxSlots * (Long.BYTES + Integer.BYTES);
  }
}
