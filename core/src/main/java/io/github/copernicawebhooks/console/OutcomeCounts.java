package io.github.copernicawebhooks.console;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Calls per outcome and minute over the last day, so the counts of the last hour and day stay exact
 * however few calls the record keeps. Not thread-safe: {@link RecentCalls} guards it.
 */
final class OutcomeCounts {

  static final Duration SPAN = Duration.ofDays(1);
  private static final int MINUTES = (int) SPAN.toMinutes() + 1;

  private final long[] minuteOfSlot = new long[MINUTES];
  private final long[][] counts = new long[MINUTES][Outcome.values().length];

  OutcomeCounts() {
    java.util.Arrays.fill(minuteOfSlot, Long.MIN_VALUE);
  }

  void add(Instant at, Outcome outcome) {
    long minute = Math.floorDiv(at.getEpochSecond(), 60);
    int slot = (int) Math.floorMod(minute, (long) MINUTES);
    if (minuteOfSlot[slot] != minute) {
      minuteOfSlot[slot] = minute;
      java.util.Arrays.fill(counts[slot], 0);
    }
    counts[slot][outcome.ordinal()]++;
  }

  /** The calls per outcome from the minute of {@code since} up to {@code now}; outcomes without calls are 0. */
  Map<Outcome, Long> since(Instant since, Instant now) {
    long from = Math.floorDiv(since.getEpochSecond(), 60);
    long to = Math.floorDiv(now.getEpochSecond(), 60);
    Map<Outcome, Long> result = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      result.put(outcome, 0L);
    }
    for (int slot = 0; slot < MINUTES; slot++) {
      long minute = minuteOfSlot[slot];
      if (minute >= from && minute <= to) {
        for (Outcome outcome : Outcome.values()) {
          result.merge(outcome, counts[slot][outcome.ordinal()], Long::sum);
        }
      }
    }
    return result;
  }
}
