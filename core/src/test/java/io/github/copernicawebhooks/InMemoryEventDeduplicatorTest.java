package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryEventDeduplicatorTest {

  private final MutableClock clock = new MutableClock();
  private final InMemoryEventDeduplicator store = new InMemoryEventDeduplicator(Duration.ofMinutes(10), 3, clock);

  @Test
  void claimsAKeyOnceWithinTheWindow() {
    assertThat(store.claim("a")).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(store.claim("a")).isFalse();
  }

  @Test
  void forgetsAKeyWhenTheWindowHasPassed() {
    assertThat(store.claim("a")).isTrue();
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.claim("a")).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void forgetsAReleasedKey() {
    store.claim("a");
    store.release("a");
    assertThat(store.claim("a")).isTrue();
  }

  @Test
  void holdsAtMostMaxEntriesForgettingTheEldest() {
    store.claim("a");
    store.claim("b");
    store.claim("c");
    store.claim("d");

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.claim("b")).isFalse();
    assertThat(store.claim("a")).isTrue();
  }

  @Test
  void refusesNonsensicalSettings() {
    assertThatThrownBy(() -> EventDeduplicator.inMemory(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventDeduplicator.inMemory(Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-28T08:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
