package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BodyDeadlineTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final long START = 1_000 * SECOND;

  private final AtomicBoolean contended = new AtomicBoolean();
  private final BodyDeadline deadline = new BodyDeadline(START, 30 * SECOND, 16 * 1024, contended::get);

  @Test
  void endsEveryBodyAtTheDeadline() {
    assertThat(deadline.hasExpired(START + 30 * SECOND - 1, 4_000_000)).isFalse();
    assertThat(deadline.hasExpired(START + 30 * SECOND, 4_000_000)).isTrue();
    assertThat(deadline.reason(START + 30 * SECOND, 4_000_000)).startsWith("body not complete after 30000 ms");
  }

  @Test
  void letsASlowBodyGoOnWhileNobodyWaitsForRoom() {
    assertThat(deadline.hasExpired(START + 20 * SECOND, 1)).isFalse();
  }

  @Test
  void endsABodyBelowTheRateAfterItsFirstSecondWhileOthersWait() {
    contended.set(true);

    assertThat(deadline.hasExpired(START + SECOND, 1)).as("within the first second").isFalse();
    assertThat(deadline.hasExpired(START + SECOND + 1, 1)).isTrue();
    assertThat(deadline.reason(START + SECOND + 1, 1)).contains("fewer than 16384 bytes a second", "waited for memory");
  }

  @Test
  void keepsABodyAtTheRateWhileOthersWait() {
    contended.set(true);

    assertThat(deadline.hasExpired(START + 4 * SECOND, 4 * 16 * 1024)).isFalse();
    assertThat(deadline.hasExpired(START + 4 * SECOND + SECOND / 1000, 4 * 16 * 1024)).isTrue();
  }

  @Test
  void looksAgainWhenTheBodyWouldFallBelowTheRateAndThenOften() {
    assertThat(deadline.nextCheck(START, 0)).isEqualTo(START + SECOND);
    assertThat(deadline.nextCheck(START, 2 * 16 * 1024)).isEqualTo(START + 2 * SECOND);
    assertThat(deadline.nextCheck(START + 5 * SECOND, 1)).isEqualTo(START + 5 * SECOND + BodyDeadline.RECHECK_NANOS);
    assertThat(deadline.nextCheck(START + 30 * SECOND - 1, 1)).isEqualTo(START + 30 * SECOND);
  }

  @Test
  void aFixedDeadlineHasNoRate() {
    BodyDeadline fixed = BodyDeadline.fixed(START, Duration.ofSeconds(2));

    assertThat(fixed.nextCheck(START, 0)).isEqualTo(START + 2 * SECOND);
    assertThat(fixed.hasExpired(START + 2 * SECOND - 1, 0)).isFalse();
    assertThat(fixed.hasExpired(START + 2 * SECOND, 0)).isTrue();
  }
}
