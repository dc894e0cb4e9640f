package io.github.copernicawebhooks.internal;

import org.jspecify.annotations.Nullable;

/**
 * A decoded variable name with its bracket structure: {@code fields[email]} has base length 6, depth 1,
 * key {@code email} and group {@link DecodedBody#FIELDS}. Immutable but for the {@link #next} hint; the form
 * decoder shares instances between calls through the {@link NameCache}, keyed by the encoded bytes.
 */
final class VariableName {

  final String name;
  /** The length of the name before its first bracket, in {@code char}s of {@link #name} (not in bytes). */
  final int baseLength;
  final int depth;
  /** For a name with one bracket pair, the text inside it ({@code email} of {@code fields[email]}). */
  final @Nullable String key;
  final byte group;
  /** For a name without brackets, its {@link Envelope} slot ({@code type}, {@code profile}, ...); else -1. */
  final byte envelopeSlot;
  /** The length of the name in UTF-8 bytes. */
  final int decodedLength;
  /** The encoded bytes this name was decoded from, when it is cached; else null. */
  final byte @Nullable [] encoded;
  final int hash;
  /** For a cached name of fewer than eight encoded bytes: those bytes as a little-endian long; else 0. */
  final long shortBytes;
  /** The bits of {@link #shortBytes} that hold the name's bytes; 0 unless the name is cached and short. */
  final long shortMask;
  /**
   * The name that followed this one in the last body that had it: a hint, read and written without
   * synchronisation (a stale or lost hint only costs the lookup it would have saved). Only a cached name
   * points to one, and a name that drops out of the cache drops its hint and takes no new one, so hints
   * keep at most one name alive beyond the cache's own for each of its entries.
   */
  @Nullable VariableName next;
  /** Whether this name has dropped out of the {@link NameCache}. */
  boolean evicted;

  VariableName(String name, int baseLength, int depth, int decodedLength, byte @Nullable [] encoded, int hash) {
    this.name = name;
    this.baseLength = baseLength;
    this.depth = depth;
    this.key = depth == 1 ? name.substring(baseLength + 1, name.length() - 1) : null;
    this.group = DecodedBody.groupOf(name, baseLength);
    this.envelopeSlot = depth == 0 ? Envelope.slotOf(name) : -1;
    this.decodedLength = decodedLength;
    this.encoded = encoded;
    this.hash = hash;
    long bytes = 0;
    long mask = 0;
    if (encoded != null && encoded.length < Long.BYTES) {
      for (int i = encoded.length - 1; i >= 0; i--) {
        bytes = bytes << 8 | (encoded[i] & 0xff);
      }
      mask = (1L << (Long.BYTES * encoded.length)) - 1;
    }
    this.shortBytes = bytes;
    this.shortMask = mask;
  }

  /** The length of the encoded name; only for a cached name. */
  int encodedLength() {
    byte[] bytes = encoded;
    return bytes == null ? 0 : bytes.length;
  }

  /** Notes that {@code name} followed this one, when both are in the cache and it is not noted already. */
  void follow(VariableName name) {
    if (next != name && encoded != null && !evicted && name.encoded != null && !name.evicted) {
      next = name;
    }
  }

  /** Marks this name as dropped out of the cache, so that it holds no other name alive. */
  void evict() {
    evicted = true;
    next = null;
  }
}
