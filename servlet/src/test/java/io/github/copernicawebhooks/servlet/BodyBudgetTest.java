package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookReceiver;
import java.time.Duration;
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

  @Test
  void refusesANonPositiveBudget() {
    assertThatThrownBy(() -> new BodyBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filterBuiltInCodeRefusesANonPositiveBudget() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> { }).build();

    assertThatThrownBy(() -> new CopernicaWebhookFilter(receiver, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body budget must be positive");
  }
}
