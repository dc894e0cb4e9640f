package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer observations of the endpoint, so that traces and metrics come from one place:
 * {@value #RECEIVE} around each call and {@value #HANDLE} around each handler method inside it, both
 * with low-cardinality key values only. The meters of {@link WebhookMetrics}, when the application has a
 * {@code MeterRegistry}, are recorded here too, so the endpoints call one thing.
 *
 * <p>{@value #RECEIVE}: {@code outcome} (the {@link Kind} in lower case with dashes, such as
 * {@code handled} or {@code rejected-signature}) and {@code event} (the event class, such as
 * {@code ProfileUpdated}, or {@code none}). {@value #HANDLE}: {@code event}, {@code handler}
 * ({@code SimpleClassName.method}), {@code outcome} ({@code success} or {@code failure}) and
 * {@code exception} (the simple class name, or {@code none}).
 */
final class WebhookObservations {

  static final String RECEIVE = "copernica.webhooks.receive";
  static final String HANDLE = "copernica.webhooks.handle";
  static final String NONE = "none";

  private final ObservationRegistry registry;
  private final CallMetrics metrics;
  private final HandlerObserver handlers;

  WebhookObservations(ObservationRegistry registry, CallMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
    this.handlers = new HandlerObserver() {
      @Override
      public void invoke(HandlerMethod handler, WebhookEvent event, Invocation invocation) throws Exception {
        observeHandler(handler, event, invocation);
      }
    };
  }

  /**
   * Starts the observation of one call, before its body is read. Its parent is the given observation (the
   * HTTP server's, in a reactive application), else the one current on this thread.
   */
  Observation startCall(@Nullable Observation parent) {
    Observation observation = Observation.createNotStarted(RECEIVE, registry)
        .contextualName("copernica webhook")
        .lowCardinalityKeyValue("outcome", NONE)
        .lowCardinalityKeyValue("event", NONE);
    if (parent != null) {
      observation.parentObservation(parent);
    }
    return observation.start();
  }

  /** Ends the observation of a call with its outcome, {@code null} when it ended without one, and counts it. */
  void stopCall(Observation observation, @Nullable WebhookOutcome outcome) {
    try {
      metrics.count(outcome);
    } finally {
      Kind kind = outcome == null ? Kind.INTERNAL_ERROR : outcome.kind();
      observation.lowCardinalityKeyValue("outcome", outcomeTag(kind))
          .lowCardinalityKeyValue("event", outcome == null ? NONE : outcome.event().map(WebhookObservations::eventName).orElse(NONE))
          .stop();
    }
  }

  /** Observes every handler method call, then lets the metrics time it. */
  HandlerObserver handlers() {
    return handlers;
  }

  private void observeHandler(HandlerMethod handler, WebhookEvent event, HandlerObserver.Invocation invocation)
      throws Exception {
    Observation observation = Observation.createNotStarted(HANDLE, registry)
        .contextualName(handler.name())
        .lowCardinalityKeyValue("event", eventName(event))
        .lowCardinalityKeyValue("handler", handler.name())
        .start();
    String outcome = "failure";
    String exception = NONE;
    try (Observation.Scope scope = observation.openScope()) {
      metrics.invoke(handler, event, invocation);
      outcome = "success";
    } catch (Exception | Error failure) {
      exception = failure.getClass().getSimpleName();
      observation.error(failure);
      throw failure;
    } finally {
      observation.lowCardinalityKeyValue("outcome", outcome).lowCardinalityKeyValue("exception", exception).stop();
    }
  }

  /** The outcome value: the receiver's {@link Kind} in lower case with dashes, such as {@code rejected-signature}. */
  static String outcomeTag(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String eventName(WebhookEvent event) {
    return event.getClass().getSimpleName();
  }
}
