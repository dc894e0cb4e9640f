package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookDispatcher;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The listener the auto-configured receiver calls: runs the matching {@link CopernicaWebhookHandler}
 * methods in order, then, when asked to, publishes the event as a Spring application event. The choice of
 * methods by event type, and its cache per event class, is core's {@link WebhookDispatcher}'s.
 */
final class HandlerMethodDispatcher implements WebhookListener {

  private final @Nullable ApplicationEventPublisher publisher;
  private final HandlerObserver observer;
  private volatile List<HandlerMethod> handlers = List.of();
  private volatile @Nullable WebhookDispatcher methods;

  HandlerMethodDispatcher(@Nullable ApplicationEventPublisher publisher, HandlerObserver observer) {
    this.publisher = publisher;
    this.observer = observer;
  }

  /** Replaces the handler methods; they run in the order of this list. */
  void register(List<HandlerMethod> sortedHandlers) {
    List<HandlerMethod> copy = List.copyOf(sortedHandlers);
    WebhookDispatcher.Builder builder = WebhookDispatcher.builder();
    for (HandlerMethod handler : copy) {
      add(builder, handler.eventType(), handler);
    }
    methods = copy.isEmpty() ? null : builder.build();
    handlers = copy;
  }

  private <E extends WebhookEvent> void add(WebhookDispatcher.Builder builder, Class<E> type, HandlerMethod handler) {
    builder.on(type, new WebhookDispatcher.Handler<E>() {
      @Override
      public void handle(E event) throws Exception {
        run(handler, event, Optional.empty());
      }

      @Override
      public void handle(E event, WebhookRequest request) throws Exception {
        run(handler, event, Optional.of(request));
      }
    });
  }

  private void run(HandlerMethod handler, WebhookEvent event, Optional<WebhookRequest> request) throws Exception {
    if (handler.accepts(event)) {
      observer.invoke(handler, event, () -> handler.invoke(event, request));
    }
  }

  /** The names of the handler methods, in the order they run. */
  List<String> handlerNames() {
    return handlers.stream().map(HandlerMethod::name).toList();
  }

  /** Whether every event is also published as a Spring application event. */
  boolean publishesApplicationEvents() {
    return publisher != null;
  }

  @Override
  public void onEvent(WebhookEvent event) throws Exception {
    WebhookDispatcher current = methods;
    if (current != null) {
      current.onEvent(event);
    }
    publish(event);
  }

  @Override
  public void onEvent(WebhookEvent event, WebhookRequest request) throws Exception {
    WebhookDispatcher current = methods;
    if (current != null) {
      current.onEvent(event, request);
    }
    publish(event);
  }

  private void publish(WebhookEvent event) {
    if (publisher != null) {
      publisher.publishEvent(event);
    }
  }
}
