package io.github.copernicawebhooks.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final CircuitBreaker breaker = new CircuitBreaker(3, 100, now::get);

  @Test
  void opensAfterThreeFailuresInARowAndLetsOneProbeThroughPerInterval() {
    breaker.failed();
    breaker.failed();
    assertThat(breaker.allows()).isTrue();
    assertThat(breaker.failed()).as("opened by the third failure").isTrue();

    assertThat(breaker.allows()).isFalse();
    now.addAndGet(100);
    assertThat(breaker.allows()).as("the probe").isTrue();
    assertThat(breaker.allows()).as("one probe per interval").isFalse();
    breaker.failed();
    assertThat(breaker.allows()).isFalse();
    now.addAndGet(100);
    assertThat(breaker.allows()).isTrue();
    breaker.succeeded();

    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.allows()).isTrue();
  }

  @Test
  void aSuccessBetweenFailuresKeepsItClosed() {
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();

    assertThat(breaker.isOpen()).isFalse();
  }
}
