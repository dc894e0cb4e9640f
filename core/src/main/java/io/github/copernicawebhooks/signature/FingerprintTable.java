package io.github.copernicawebhooks.signature;

/**
 * One stripe of the in-memory replay guard: 64-bit fingerprints with their expiry in whole seconds, in two
 * primitive arrays with linear probing, 12 bytes a slot. A fingerprint of 0 marks an empty slot; the low 32
 * bits of a fingerprint choose its home slot by multiplication, so the slot count need not be a power of two
 * and the arrays are as large as the limit needs, and small enough that G1 does not store them as humongous
 * objects (which round up to whole regions, costing up to half as much again). A claim
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

  private static final int INITIAL_SLOTS = 256;
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

  /** The slots a table needs to hold {@code entries} within the load factor, with one always empty. */
  static int slotsFor(int entries) {
    long needed = Math.max(entries + 1L, (long) Math.ceil(entries / MAX_LOAD));
    if (needed > 1 << 30) {
      throw new IllegalArgumentException("a replay guard stripe cannot hold " + entries + " tokens");
    }
    return (int) needed;
  }

  /**
   * Claims a non-zero fingerprint; {@code now} and {@code expiry} are in the seconds of {@link
   * InMemoryReplayGuard}: an entry lives while its expiry is not before now.
   *
   * @return {@link #CLAIMED}, {@link #REPLAYED} or {@link #FULL}
   */
  synchronized int claim(long fingerprint, int now, int expiry) {
    int slots = fingerprints.length;
    int reusable = -1;
    for (int slot = home(fingerprint, slots); ; slot = next(slot, slots)) {
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

  /** The first slot to probe: the low 32 bits scaled to the slot count. */
  private static int home(long fingerprint, int slots) {
    return (int) (((fingerprint & 0xffff_ffffL) * slots) >>> 32);
  }

  private static int next(int slot, int slots) {
    return slot + 1 == slots ? 0 : slot + 1;
  }

  /** How many probes on from {@code from} slot {@code to} is. */
  private static int distance(int from, int to, int slots) {
    return to >= from ? to - from : to - from + slots;
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
      grow((int) Math.min(maxSlots, fingerprints.length * 2L), now);
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
    int slots = fingerprints.length;
    int start = 0;
    while (fingerprints[start] != 0) {
      start++; // there is always an empty slot: the limit is below the slot count
    }
    earliestExpiry = Integer.MAX_VALUE;
    for (int step = 1; step < slots; step++) {
      int slot = start + step < slots ? start + step : start + step - slots;
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
    int slots = fingerprints.length;
    for (int next = next(hole, slots); fingerprints[next] != 0; next = next(next, slots)) {
      int home = home(fingerprints[next], slots);
      if (distance(home, next, slots) >= distance(hole, next, slots)) { // its home is not between the hole and it
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
    for (int i = 0; i < oldFingerprints.length; i++) {
      long fingerprint = oldFingerprints[i];
      if (fingerprint != 0 && oldExpiries[i] >= now) {
        int slot = home(fingerprint, slots);
        while (fingerprints[slot] != 0) {
          slot = next(slot, slots);
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
