package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

  private static final Instant NOW = Instant.parse("2026-03-05T09:15:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

  @Test
  void refusesATokenSeenBeforeUntilItsExpiryInclusive() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(10);

    assertThat(guard.claim("a", NOW, LATER)).isTrue();
    assertThat(guard.claim("a", NOW.plusSeconds(1), LATER)).isFalse();
    assertThat(guard.claim("a", LATER, LATER)).isFalse();
    assertThat(guard.claim("a", LATER.plusSeconds(1), LATER.plusSeconds(300))).isTrue();
  }

  @Test
  void remembersATokenToTheWholeSecondAfterItsExpiryNeverLess() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(10);
    Instant expiry = LATER.plusMillis(200);

    guard.claim("a", NOW, expiry);

    assertThat(guard.claim("a", expiry, LATER.plusSeconds(300))).isFalse();
    assertThat(guard.claim("a", LATER.plusMillis(999), LATER.plusSeconds(300))).isFalse();
    assertThat(guard.claim("a", LATER.plusSeconds(2), LATER.plusSeconds(300))).isTrue();
  }

  @Test
  void expiredTokensFreeTheirSlots() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(5);
    for (int i = 0; i < 5; i++) {
      assertThat(guard.claim("token" + i, NOW, LATER)).isTrue();
    }
    assertThatThrownBy(() -> guard.claim("one too many", NOW, LATER)).isInstanceOf(WebhookException.class);

    for (int i = 0; i < 5; i++) {
      assertThat(guard.claim("fresh" + i, LATER.plusSeconds(1), LATER.plusSeconds(301))).isTrue();
    }

    assertThat(guard.size()).isEqualTo(5);
  }

  @Test
  void failsClosedWhenFullOfUnexpiredTokensInsteadOfForgettingOne() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(3);
    for (int i = 0; i < 3; i++) {
      assertThat(guard.claim("token" + i, NOW, LATER)).isTrue();
    }

    assertThatThrownBy(() -> guard.claim("token3", NOW, LATER))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPLAY_GUARD_FULL));
    assertThat(guard.size()).isEqualTo(3);
    assertThat(guard.claim("token0", NOW.plusSeconds(1), LATER)).as("the oldest token is still known").isFalse();
    assertThat(guard.claim("token2", NOW.plusSeconds(1), LATER)).isFalse();
  }

  @Test
  void makesRoomAgainOnceTokensExpire() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(2);
    guard.claim("early", NOW, LATER.plusSeconds(10));
    guard.claim("short", NOW, LATER);

    assertThatThrownBy(() -> guard.claim("refused", NOW, LATER)).isInstanceOf(WebhookException.class);
    // "short" expired but is not at the head: the sweep when full still finds it
    assertThat(guard.claim("next", LATER.plusSeconds(1), LATER.plusSeconds(300))).isTrue();
    assertThat(guard.size()).isEqualTo(2);
    assertThat(guard.claim("early", LATER.plusSeconds(2), LATER.plusSeconds(300))).isFalse();
  }

  @Test
  void acceptsAReplayedTokenAsAReplayEvenWhenFull() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(1);
    guard.claim("only", NOW, LATER);

    assertThat(guard.claim("only", NOW, LATER)).isFalse();
  }

  @Test
  void refusesAnEmptyCapacity() {
    assertThatThrownBy(() -> ReplayGuard.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
