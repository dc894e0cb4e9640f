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
 * <p>A fixed array of immutable entries, indexed by hash with two slots per hash: bounded memory (a few
 * hundred kilobytes at most), no locks, no growth. Threads may
 * race to replace a slot; every entry they can see is complete (final fields), and a miss only costs the
 * decoding that would have happened anyway. Only names that decoded without error are stored, so a hit
 * needs nothing but the limit checks that depend on the parser's configuration.
 */
final class NameCache {

  static final int MAX_CACHED_LENGTH = 128;
  private static final int SLOTS = 2048;

  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final @Nullable VariableName[] entries = new VariableName[SLOTS];

  /**
   * A cheap hash of an encoded name: its length and its first and last eight bytes (read as two longs),
   * where names that share a prefix ({@code fields%5B...%5D}) differ. Names that collide share the two
   * slots of their hash.
   */
  static int hash(byte[] bytes, int start, int end) {
    int length = end - start;
    long mixed;
    if (length >= Long.BYTES) {
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
    int slot = slot(hash);
    VariableName entry = entries[slot];
    if (matches(entry, bytes, start, end, hash)) {
      return entry;
    }
    entry = entries[slot + 1];
    return matches(entry, bytes, start, end, hash) ? entry : null;
  }

  private static boolean matches(@Nullable VariableName entry, byte[] bytes, int start, int end, int hash) {
    if (entry == null || entry.hash != hash) {
      return false;
    }
    byte[] encoded = entry.encoded;
    return encoded != null && encoded.length == end - start && sameBytes(encoded, bytes, start);
  }

  /** Whether {@code bytes} from {@code start} hold {@code encoded}; compares eight bytes at a time. */
  private static boolean sameBytes(byte[] encoded, byte[] bytes, int start) {
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

  /** Stores a name that decoded without error, in a free slot of its pair or over the older one. */
  void store(VariableName entry) {
    int slot = slot(entry.hash);
    if (entries[slot] != null) {
      entries[slot + 1] = entries[slot];
    }
    entries[slot] = entry;
  }

  /** The first of the two slots for a hash: the even slot the spread hash picks. */
  private static int slot(int hash) {
    return hash & (SLOTS - 2);
  }
}
