package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer meters of the webhook endpoint: {@value #REQUESTS} counts calls by {@code outcome} and
 * {@code event} (the event class, or {@code none} when the call never reached the handlers), and
 * {@value #HANDLER} times every handler method by {@code event}, {@code handler} and {@code exception}. With
 * an inbox, the gauges {@value #INBOX_EVENTS} (by {@code status}) and {@value #INBOX_BACKLOG} show its events,
 * from the {@link InboxCounts} that the health checks read too: a scrape never runs a count of its own.
 */
final class WebhookMetrics implements CallMetrics {

  static final String REQUESTS = "copernica.webhooks.requests";
  static final String HANDLER = "copernica.webhooks.handler";
  static final String NO_EVENT = "none";
  static final String INBOX_EVENTS = "copernica.webhooks.inbox.events";
  static final String INBOX_BACKLOG = "copernica.webhooks.inbox.backlog";

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

  /** Gauges of the inbox's events; {@code NaN} while the database cannot count them. */
  static void bindInbox(MeterRegistry registry, InboxCounts counts) {
    for (InboxStatus status : InboxStatus.values()) {
      Gauge.builder(INBOX_EVENTS, counts, current -> gauge(current, snapshot -> snapshot.count(status)))
          .description("Events in the Copernica webhook inbox by status, in the table all instances share")
          .tag("status", status.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Gauge.builder(INBOX_BACKLOG, counts, current -> gauge(current, InboxCounts.Snapshot::backlog))
        .description("Events in the Copernica webhook inbox waiting to be handled (pending, or failed and due again)")
        .register(registry);
  }

  private static double gauge(InboxCounts counts, ToLongFunction<InboxCounts.Snapshot> value) {
    try {
      return value.applyAsLong(counts.current());
    } catch (WebhookException uncounted) {
      return Double.NaN;
    }
  }
}
