package io.github.copernicawebhooks.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import org.jspecify.annotations.Nullable;

/**
 * Converts local date-times to instants, remembering the last stretch of local time in which the zone has
 * one unambiguous offset (between two transitions, outside their gaps and overlaps). Webhook timestamps come
 * in order, so nearly every conversion falls in the remembered stretch and skips the zone rules. The
 * stretch is an immutable object published through a plain field: at worst two threads both compute one.
 */
final class ZoneWindow {

  private static volatile @Nullable ZoneWindow last;

  private final ZoneId zone;
  private final LocalDateTime from;
  private final LocalDateTime until;
  private final ZoneOffset offset;

  private ZoneWindow(ZoneId zone, LocalDateTime from, LocalDateTime until, ZoneOffset offset) {
    this.zone = zone;
    this.from = from;
    this.until = until;
    this.offset = offset;
  }

  /** The instant of {@code local} in {@code zone}, as {@code local.atZone(zone).toInstant()} gives it. */
  static Instant instant(LocalDateTime local, ZoneId zone) {
    ZoneWindow window = last;
    if (window != null && window.zone.equals(zone) && !local.isBefore(window.from) && local.isBefore(window.until)) {
      return local.toInstant(window.offset);
    }
    Instant instant = local.atZone(zone).toInstant();
    ZoneWindow around = around(instant, zone);
    if (around != null) {
      last = around;
    }
    return instant;
  }

  private static @Nullable ZoneWindow around(Instant instant, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    ZoneOffsetTransition previous = rules.previousTransition(instant.plusNanos(1));
    ZoneOffsetTransition next = rules.nextTransition(instant);
    if (previous == null || next == null) {
      return null; // a fixed zone, or beyond the known rules: not worth remembering
    }
    LocalDateTime from = later(previous.getDateTimeBefore(), previous.getDateTimeAfter());
    LocalDateTime until = earlier(next.getDateTimeBefore(), next.getDateTimeAfter());
    return from.isBefore(until) ? new ZoneWindow(zone, from, until, previous.getOffsetAfter()) : null;
  }

  private static LocalDateTime later(LocalDateTime first, LocalDateTime second) {
    return first.isAfter(second) ? first : second;
  }

  private static LocalDateTime earlier(LocalDateTime first, LocalDateTime second) {
    return first.isBefore(second) ? first : second;
  }
}
