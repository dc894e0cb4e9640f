package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The listener the auto-configured receiver calls: runs the matching {@link CopernicaWebhookHandler}
 * methods in order, then, when asked to, publishes the event as a Spring application event.
 */
final class HandlerMethodDispatcher implements WebhookListener {

  private final @Nullable ApplicationEventPublisher publisher;
  private final HandlerObserver observer;
  private volatile List<HandlerMethod> handlers = List.of();
  private final Map<Class<? extends WebhookEvent>, List<HandlerMethod>> handlersByEventClass = new ConcurrentHashMap<>();

  HandlerMethodDispatcher(@Nullable ApplicationEventPublisher publisher, HandlerObserver observer) {
    this.publisher = publisher;
    this.observer = observer;
  }

  /** Replaces the handler methods; they run in the order of this list. */
  void register(List<HandlerMethod> sortedHandlers) {
    handlers = List.copyOf(sortedHandlers);
    handlersByEventClass.clear();
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
    dispatch(event, Optional.empty());
  }

  @Override
  public void onEvent(WebhookEvent event, WebhookRequest request) throws Exception {
    dispatch(event, Optional.of(request));
  }

  void dispatch(WebhookEvent event, Optional<WebhookRequest> request) throws Exception {
    for (HandlerMethod handler : handlersFor(event.getClass())) {
      if (handler.accepts(event)) {
        observer.invoke(handler, event, () -> handler.invoke(event, request));
      }
    }
    if (publisher != null) {
      publisher.publishEvent(event);
    }
  }

  private List<HandlerMethod> handlersFor(Class<? extends WebhookEvent> eventClass) {
    return handlersByEventClass.computeIfAbsent(eventClass, this::selectHandlers);
  }

  private List<HandlerMethod> selectHandlers(Class<? extends WebhookEvent> eventClass) {
    List<HandlerMethod> selected = new ArrayList<>();
    for (HandlerMethod handler : handlers) {
      if (handler.takes(eventClass)) {
        selected.add(handler);
      }
    }
    return List.copyOf(selected);
  }
}
