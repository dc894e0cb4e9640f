package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

  private static final Instant NOW = Instant.parse("2026-03-05T09:15:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

  @Test
  void refusesATokenSeenBeforeUntilItsExpiryInclusive() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(10);

    assertThat(guard.firstUse("a", NOW, LATER)).isTrue();
    assertThat(guard.firstUse("a", NOW.plusSeconds(1), LATER)).isFalse();
    assertThat(guard.firstUse("a", LATER, LATER)).isFalse();
    assertThat(guard.firstUse("a", LATER.plusMillis(1), LATER.plusSeconds(300))).isTrue();
  }

  @Test
  void forgetsExpiredTokensAsTimeMovesOn() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(10);
    for (int i = 0; i < 5; i++) {
      guard.firstUse("token" + i, NOW, LATER);
    }

    guard.firstUse("fresh", LATER.plusSeconds(1), LATER.plusSeconds(301));

    assertThat(guard.size()).isEqualTo(1);
  }

  @Test
  void staysWithinItsCapacityByForgettingTheOldestToken() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(3);
    for (int i = 0; i < 4; i++) {
      assertThat(guard.firstUse("token" + i, NOW, LATER)).isTrue();
    }

    assertThat(guard.size()).isEqualTo(3);
    assertThat(guard.firstUse("token3", NOW, LATER)).isFalse();
    assertThat(guard.firstUse("token0", NOW, LATER)).isTrue();
  }

  @Test
  void refusesAnEmptyCapacity() {
    assertThatThrownBy(() -> ReplayGuard.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
