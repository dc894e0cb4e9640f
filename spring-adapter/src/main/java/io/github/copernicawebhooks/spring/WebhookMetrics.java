package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer meters of the webhook endpoint: {@value #REQUESTS} counts calls by {@code outcome} and
 * {@code event} (the event class, or {@code none} when the call never reached the handlers), and
 * {@value #HANDLER} times every handler method by {@code event}, {@code handler} and {@code exception}.
 */
final class WebhookMetrics implements CallMetrics {

  static final String REQUESTS = "copernica.webhooks.requests";
  static final String HANDLER = "copernica.webhooks.handler";
  static final String NO_EVENT = "none";

  private final MeterRegistry registry;

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void invoke(HandlerMethod handler, WebhookEvent event, Invocation invocation) throws Exception {
    Timer.Sample sample = Timer.start(registry);
    String exception = "none";
    try {
      invocation.run();
    } catch (Exception | Error failure) {
      exception = failure.getClass().getSimpleName();
      throw failure;
    } finally {
      sample.stop(Timer.builder(HANDLER)
          .description("Time spent in @CopernicaWebhookHandler methods")
          .tag("event", eventName(event))
          .tag("handler", handler.name())
          .tag("exception", exception)
          .register(registry));
    }
  }

  @Override
  public void count(@Nullable WebhookOutcome outcome) {
    if (outcome == null) {
      count(WebhookObservations.outcomeTag(Kind.INTERNAL_ERROR), NO_EVENT);
    } else {
      count(WebhookObservations.outcomeTag(outcome.kind()), outcome.event().map(WebhookMetrics::eventName).orElse(NO_EVENT));
    }
  }

  void count(String outcome, String event) {
    Counter.builder(REQUESTS)
        .description("Copernica webhook calls by outcome and event type")
        .tag("outcome", outcome)
        .tag("event", event)
        .register(registry)
        .increment();
  }

  static String eventName(WebhookEvent event) {
    return event.getClass().getSimpleName();
  }
}
