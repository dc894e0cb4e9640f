package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link WebhookListener} that calls typed handlers: every handler registered for the event's type, or
 * for a type it extends, in registration order. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookDispatcher dispatcher = WebhookDispatcher.builder()
 *     .on(ProfileUpdated.class, update -> crm.update(update.profileId(), update.fields()))
 *     .on(SubprofileEvent.class, event -> audit.record(event))
 *     .onUnknown(unknown -> log.info("new event type {}", unknown.type()))
 *     .build();
 * }</pre>
 *
 * <p>When a handler throws, the handlers after it are not called for that event and the exception
 * propagates (the call is answered 500). An event that no handler matches is acknowledged and ignored.
 */
public final class WebhookDispatcher implements WebhookListener {

  private final List<Registration> registrations;
  private final ClassValue<List<Registration>> plans =
      new ClassValue<>() {
        @Override
        protected List<Registration> computeValue(Class<?> eventClass) {
          List<Registration> matching = new ArrayList<>();
          for (Registration registration : registrations) {
            if (registration.type().isAssignableFrom(eventClass)) {
              matching.add(registration);
            }
          }
          return List.copyOf(matching);
        }
      };

  private WebhookDispatcher(List<Registration> registrations) {
    this.registrations = List.copyOf(registrations);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Calls every handler that matches the event, in registration order. */
  @Override
  public void onEvent(WebhookEvent event) throws Exception {
    for (Registration registration : plans.get(event.getClass())) {
      registration.handler.handle(event);
    }
  }

  /**
   * Calls every handler that matches the event, in registration order, with the call it came in (the
   * receiver calls this method).
   */
  @Override
  public void onEvent(WebhookEvent event, WebhookRequest request) throws Exception {
    for (Registration registration : plans.get(event.getClass())) {
      registration.handler.handle(event, request);
    }
  }

  /** Whether at least one handler is registered for events of this class. */
  public boolean handles(Class<? extends WebhookEvent> eventClass) {
    return !plans.get(eventClass).isEmpty();
  }

  /**
   * Handles events of one type.
   *
   * @param <E> the event type
   */
  @FunctionalInterface
  public interface Handler<E extends WebhookEvent> {
    /** Handles one event. */
    void handle(E event) throws Exception;

    /**
     * Handles one event together with the verified call it came in. By default it forgets the call and
     * calls {@link #handle(WebhookEvent)}: override it to see headers, the request target or the raw body.
     */
    default void handle(E event, WebhookRequest request) throws Exception {
      handle(event);
    }
  }

  private static final class Registration {
    private final Class<? extends WebhookEvent> type;
    private final Handler<WebhookEvent> handler;

    @SuppressWarnings("unchecked")
    <E extends WebhookEvent> Registration(Class<E> type, Handler<? super E> handler) {
      this.type = type;
      // Safe: the handler is only ever called with instances of type.
      this.handler = (Handler<WebhookEvent>) handler;
    }

    Class<? extends WebhookEvent> type() {
      return type;
    }
  }

  /** Builds a {@link WebhookDispatcher}. */
  public static final class Builder {
    private final List<Registration> registrations = new ArrayList<>();

    private Builder() {}

    /**
     * Calls the handler for every event of this type or of a subtype: {@code ProfileUpdated.class} for one
     * event, {@code SubprofileEvent.class} for a family, {@code WebhookEvent.class} for all.
     */
    public <E extends WebhookEvent> Builder on(Class<E> type, Handler<? super E> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      registrations.add(new Registration(type, handler));
      return this;
    }

    /** Calls the handler for events of a type this version does not know. */
    public Builder onUnknown(Handler<? super UnknownEvent> handler) {
      return on(UnknownEvent.class, handler);
    }

    /**
     * The dispatcher.
     *
     * @throws IllegalStateException when no handler is registered
     */
    public WebhookDispatcher build() {
      if (registrations.isEmpty()) {
        throw new IllegalStateException("no handler registered: call on(EventType.class, handler) first");
      }
      return new WebhookDispatcher(registrations);
    }
  }
}
