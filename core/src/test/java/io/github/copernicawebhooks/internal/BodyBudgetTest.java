package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

  private final BodyBudget budget = new BodyBudget(8 * 1024);

  @Test
  void grantsBodiesThatFitTogether() {
    assertThat(budget.reserve(4 * 1024, Duration.ZERO)).isNotNull();
    assertThat(budget.reserve(4 * 1024, Duration.ZERO)).isNotNull();
  }

  @Test
  void refusesABodyThatDoesNotFitWithinTheWait() {
    assertThat(budget.reserve(6 * 1024, Duration.ZERO)).isNotNull();

    long start = System.nanoTime();
    assertThat(budget.reserve(4 * 1024, Duration.ofMillis(100))).isNull();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void givesTheRoomBackWhenALeaseIsClosed() {
    BodyBudget.Lease lease = budget.reserve(8 * 1024, Duration.ZERO);
    assertThat(budget.reserve(1, Duration.ZERO)).isNull();

    lease.close();

    assertThat(budget.reserve(8 * 1024, Duration.ZERO)).isNotNull();
  }

  @Test
  void letsABodyLargerThanTheWholeBudgetInAlone() {
    BodyBudget.Lease lease = budget.reserve(1024 * 1024, Duration.ZERO);

    assertThat(lease).isNotNull();
    assertThat(budget.reserve(1, Duration.ZERO)).isNull();
  }

  /** A large body that does not fit yet (perhaps a stalled upload) never blocks a small one that does. */
  @Test
  void givesRoomToASmallCallWaitingBehindALargeOne() throws Exception {
    budget.reserve(6 * 1024, Duration.ZERO);
    CompletableFuture<BodyBudget.Lease> large =
        CompletableFuture.supplyAsync(() -> budget.reserve(4 * 1024, Duration.ofSeconds(20)));
    waitUntil(budget::isContended);

    long start = System.nanoTime();
    BodyBudget.Lease small = budget.reserve(1024, Duration.ofSeconds(5));

    assertThat(small).isNotNull();
    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(2).toNanos());
    assertThat(large).isNotDone();
    assertThat(budget.isContended()).isTrue();
  }

  @Test
  void givesRoomToWaitersSmallestFirstWhenItIsGivenBack() throws Exception {
    BodyBudget.Lease all = budget.reserve(8 * 1024, Duration.ZERO);
    CompletableFuture<BodyBudget.Lease> large =
        CompletableFuture.supplyAsync(() -> budget.reserve(6 * 1024, Duration.ofSeconds(20)));
    waitUntil(budget::isContended);
    CompletableFuture<BodyBudget.Lease> small =
        CompletableFuture.supplyAsync(() -> budget.reserve(4 * 1024, Duration.ofSeconds(20)));
    waitUntil(() -> budget.availableBytes() == 0 && waiters(2));

    all.close();

    assertThat(small.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(large).isNotDone();
    assertThat(budget.availableBytes()).isEqualTo(4 * 1024);
  }

  @Test
  void givesALeasesRoomBackOnceHoweverOftenItIsClosed() {
    BodyBudget.Lease lease = budget.reserve(4 * 1024, Duration.ZERO);

    lease.close();
    lease.close();

    assertThat(budget.availableBytes()).isEqualTo(8 * 1024);
  }

  private boolean waiters(int count) {
    return budget.waiting() == count;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void refusesANonPositiveBudget() {
    assertThatThrownBy(() -> new BodyBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
