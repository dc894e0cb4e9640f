package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.internal.BodyBudget;
import io.github.copernicawebhooks.internal.BodyDeadline;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet filter's limits on the bodies it reads, for the WebFlux endpoint: the bytes held at once across
 * calls ({@code copernica.webhooks.max-buffered-size}), how long a call waits for room, how long a body may
 * take ({@code body-timeout}) and the slowest rate at which it keeps its room while others wait
 * ({@code min-body-rate}).
 */
record ReactiveBodyLimits(BodyBudget budget, Duration budgetWait, Duration bodyTimeout, long minBytesPerSecond) {

  static ReactiveBodyLimits from(CopernicaWebhooksProperties properties) {
    DataSize maxBuffered = properties.maxBufferedSize();
    BodyBudget budget = maxBuffered == null ? BodyBudget.forHeap() : new BodyBudget(maxBuffered.toBytes());
    return new ReactiveBodyLimits(budget, BodyBudget.WAIT, properties.bodyTimeout(), properties.minBodyRate().toBytes());
  }

  /** The deadline of a body whose reading begins now. */
  BodyDeadline deadlineFromNow() {
    return new BodyDeadline(System.nanoTime(), bodyTimeout.toNanos(), minBytesPerSecond, budget::isContended);
  }
}
