package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import org.jspecify.annotations.Nullable;

/** The meters of the endpoint, without naming Micrometer's metrics types, which are optional. */
interface CallMetrics extends HandlerObserver {

  /** No meters: the application has no {@code MeterRegistry}. */
  CallMetrics NONE = outcome -> {};

  /** Counts one call by its outcome; {@code null} when the call ended without one (an exception). */
  void count(@Nullable WebhookOutcome outcome);
}
