package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.Unsubscribed;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The checked shape of a {@link CopernicaWebhookHandler} method: where its event and request
 * parameters are. {@link #of} refuses every method it could not call correctly, naming the problem.
 *
 * @param eventType the event parameter's type, which selects the events
 * @param eventIndex the position of the event parameter
 * @param requestIndex the position of the {@link WebhookRequest} parameter, or -1 without one
 * @param returnsMono whether the method returns {@code Mono<Void>}, which the call waits for
 */
record HandlerSignature(Class<? extends WebhookEvent> eventType, int eventIndex, int requestIndex, boolean returnsMono) {

  /** The shape every handler method must have, as the start-up failure's action says it. */
  static final String SHAPE = "Declare @CopernicaWebhookHandler methods as non-static methods returning void (or "
      + "Mono<Void>) that take one event parameter (WebhookEvent or a subtype such as ProfileUpdated) and, "
      + "optionally, a WebhookRequest, for example: @CopernicaWebhookHandler void onUpdate(ProfileUpdated update). "
      + "Filter by database or collection only for event types that carry them.";

  static HandlerSignature of(Method method, CopernicaWebhookHandler annotation) {
    if (Modifier.isStatic(method.getModifiers())) {
      throw invalid(method, "must not be static");
    }
    boolean returnsMono = MonoResults.isMonoOfVoid(method.getGenericReturnType());
    if (method.getReturnType() != void.class && !returnsMono) {
      throw invalid(method, "must return void or Mono<Void>, not " + method.getGenericReturnType().getTypeName()
          .replaceAll("[a-z0-9_.]+\\.([A-Z])", "$1"));
    }
    Class<?>[] types = method.getParameterTypes();
    int eventIndex = onlyIndex(method, types, true);
    if (eventIndex < 0) {
      throw invalid(method, "has no event parameter; declare one of type WebhookEvent or a subtype such as ProfileUpdated");
    }
    HandlerSignature signature = new HandlerSignature(
        types[eventIndex].asSubclass(WebhookEvent.class), eventIndex, onlyIndex(method, types, false), returnsMono);
    signature.checkFilters(method, annotation);
    return signature;
  }

  /** The position of the one event parameter (or the one request parameter), -1 without; refuses strangers. */
  private static int onlyIndex(Method method, Class<?>[] types, boolean event) {
    int found = -1;
    for (int index = 0; index < types.length; index++) {
      boolean isEvent = WebhookEvent.class.isAssignableFrom(types[index]);
      if (!isEvent && types[index] != WebhookRequest.class) {
        throw invalid(method, "has parameter " + index + " of type " + types[index].getName()
            + ", which is neither an event type (WebhookEvent or a subtype) nor WebhookRequest");
      }
      if (isEvent == event) {
        if (found >= 0) {
          throw invalid(method, event
              ? "declares two event parameters; declare exactly one"
              : "declares two WebhookRequest parameters; declare at most one");
        }
        found = index;
      }
    }
    return found;
  }

  private void checkFilters(Method method, CopernicaWebhookHandler annotation) {
    if (annotation.collection().length > 0 && !canBeSubprofileEvent()) {
      throw invalid(method, "filters on collection, but " + eventType.getSimpleName() + " events carry no collection");
    }
    if (annotation.database().length > 0 && !canCarryDatabase()) {
      throw invalid(method, "filters on database, but " + eventType.getSimpleName() + " events carry no database id");
    }
  }

  /** Profile, subprofile and unsubscribe events carry a database id; the other email events and unknown ones do not. */
  private boolean canCarryDatabase() {
    return overlaps(ProfileEvent.class) || overlaps(SubprofileEvent.class) || overlaps(Unsubscribed.class);
  }

  private boolean overlaps(Class<? extends WebhookEvent> family) {
    return family.isAssignableFrom(eventType) || eventType.isAssignableFrom(family);
  }

  private boolean canBeSubprofileEvent() {
    return overlaps(SubprofileEvent.class);
  }

  static IllegalStateException invalid(Method method, String problem) {
    return new WebhookConfigurationException(
        "@CopernicaWebhookHandler method " + describe(method) + " " + problem, SHAPE);
  }

  /** {@code com.example.Handlers.onUpdate(ProfileUpdated)}: enough to find the method, short enough to read. */
  static String describe(Method method) {
    StringBuilder text = new StringBuilder(method.getDeclaringClass().getName()).append('.').append(method.getName()).append('(');
    Class<?>[] types = method.getParameterTypes();
    for (int index = 0; index < types.length; index++) {
      text.append(index == 0 ? "" : ", ").append(types[index].getSimpleName());
    }
    return text.append(')').toString();
  }
}
