package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.CallObserver;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.List;
import java.util.Optional;

/** The application's {@link CallObserver} beans (the console's record among them) as the receiver's one observer. */
final class CallObservers implements CallObserver {

  private final List<CallObserver> observers;

  private CallObservers(List<CallObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  static Optional<CallObserver> of(List<CallObserver> observers) {
    if (observers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(observers.size() == 1 ? observers.get(0) : new CallObservers(observers));
  }

  @Override
  public void answered(WebhookRequest request, WebhookOutcome outcome, Optional<Exception> handlerFailure) {
    for (CallObserver observer : observers) {
      observer.answered(request, outcome, handlerFailure);
    }
  }

  @Override
  public void handledLater(WebhookRequest request, WebhookEvent event, Optional<Exception> failure) {
    for (CallObserver observer : observers) {
      observer.handledLater(request, event, failure);
    }
  }
}
