package io.github.copernicawebhooks.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Remembers decoded variable names by their encoded bytes, as Jackson canonicalises JSON names: webhook
 * bodies repeat the same few dozen names ({@code fields%5Bemail%5D}) call after call, so decoding them, checking
 * their brackets and allocating their strings once saves most of the work on names.
 *
 * <p>A fixed array of entries (immutable but for their hints), indexed by hash into sets of four slots: bounded memory (4,096
 * entries; about half a megabyte for names of typical length, two megabytes if every name had the maximum
 * cached length, and at most as many again kept alive by the {@link VariableName#next} hints of its
 * entries), no locks, no growth. Four slots per set and a table ten times the size of a large body's
 * names (some 400) keep such a body from evicting its own names call after call. Threads may
 * race to replace a slot; every entry they can see is complete (final fields), and a miss only costs the
 * decoding that would have happened anyway. Only names that decoded without error are stored, so a hit
 * needs nothing but the limit checks that depend on the parser's configuration.
 */
final class NameCache {

  static final int MAX_CACHED_LENGTH = 128;
  private static final int SLOTS = 4096;
  private static final int WAYS = 4;

  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final @Nullable VariableName[] entries = new VariableName[SLOTS];

  /**
   * A cheap hash of an encoded name: its length and its first, second and last eight bytes (read as longs),
   * where names that share a prefix ({@code fields%5B...%5D}) differ. Names that collide share the four
   * slots of their hash's set.
   */
  static int hash(byte[] bytes, int start, int end) {
    int length = end - start;
    long mixed;
    if (length >= 2 * Long.BYTES) {
      mixed = ((long) LONGS.get(bytes, start) * GOLDEN ^ (long) LONGS.get(bytes, start + Long.BYTES)) * GOLDEN
          ^ (long) LONGS.get(bytes, end - Long.BYTES);
    } else if (length >= Long.BYTES) {
      mixed = (long) LONGS.get(bytes, start) * GOLDEN ^ (long) LONGS.get(bytes, end - Long.BYTES);
    } else {
      mixed = 0;
      for (int i = start; i < end; i++) {
        mixed = mixed << 8 | (bytes[i] & 0xff);
      }
    }
    mixed = (mixed ^ length) * GOLDEN;
    return (int) (mixed >>> 32);
  }

  /** The entry for {@code bytes[start, end)} with the given hash, or null. */
  @Nullable VariableName find(byte[] bytes, int start, int end, int hash) {
    int first = set(hash);
    for (int slot = first; slot < first + WAYS; slot++) {
      @Nullable VariableName entry = entries[slot];
      if (entry == null) {
        return null; // a set fills from its first slot: nothing further on
      }
      if (matches(entry, bytes, start, end, hash)) {
        return entry;
      }
    }
    return null;
  }

  private static boolean matches(VariableName entry, byte[] bytes, int start, int end, int hash) {
    if (entry.hash != hash) {
      return false;
    }
    byte[] encoded = entry.encoded;
    return encoded != null && encoded.length == end - start && sameBytes(entry, encoded, bytes, start);
  }

  /**
   * Whether {@code bytes} from {@code start} hold the encoded bytes of the cached {@code name} (which must
   * fit): a name of fewer than eight bytes is compared in one read when eight bytes are left.
   */
  static boolean sameBytes(VariableName name, byte[] encoded, byte[] bytes, int start) {
    if (encoded.length < Long.BYTES && start <= bytes.length - Long.BYTES) {
      return (((long) LONGS.get(bytes, start) ^ name.shortBytes) & name.shortMask) == 0;
    }
    return sameBytes(encoded, bytes, start);
  }

  /**
   * Whether {@code bytes} from {@code start} hold {@code encoded} (which must fit); compares eight bytes at
   * a time.
   */
  static boolean sameBytes(byte[] encoded, byte[] bytes, int start) {
    int length = encoded.length;
    if (length < Long.BYTES) {
      for (int i = 0; i < length; i++) {
        if (encoded[i] != bytes[start + i]) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < length - Long.BYTES; i += Long.BYTES) {
      if ((long) LONGS.get(encoded, i) != (long) LONGS.get(bytes, start + i)) {
        return false;
      }
    }
    return (long) LONGS.get(encoded, length - Long.BYTES) == (long) LONGS.get(bytes, start + length - Long.BYTES);
  }

  /**
   * Stores a name that decoded without error in the first slot of its set, moving the others one slot on;
   * the oldest of a full set drops out.
   */
  void store(VariableName entry) {
    int first = set(entry.hash);
    @Nullable VariableName dropped = entries[first + WAYS - 1];
    if (dropped != null) {
      dropped.evict();
    }
    System.arraycopy(entries, first, entries, first + 1, WAYS - 1);
    entries[first] = entry;
  }

  /** The first of the four slots of a hash's set. */
  private static int set(int hash) {
    return hash & (SLOTS - WAYS);
  }
}
