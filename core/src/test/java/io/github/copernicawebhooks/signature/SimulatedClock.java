package io.github.copernicawebhooks.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test moves it; safe to read from several threads. */
final class SimulatedClock extends Clock {

  private volatile Instant now;

  SimulatedClock(Instant start) {
    this.now = start;
  }

  SimulatedClock() {
    this(Instant.parse("2026-03-05T09:15:00Z"));
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
