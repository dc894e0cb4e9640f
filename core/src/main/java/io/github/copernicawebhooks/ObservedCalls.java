package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Tells a {@link CallObserver} about each call, and about what a handler threw. Built only when an observer
 * is configured, so a receiver without one runs exactly the code it ran before.
 *
 * <p>A handler's exception is caught by the receiver, which answers 500 without it; the listener that
 * this class wraps around the application's notes it first. When the handler runs inside
 * {@link #receive} (synchronous mode) the note goes with the answer; on any other thread (asynchronous
 * mode, workers) the observer hears of it through {@link CallObserver#handledLater}.
 */
final class ObservedCalls {

  private static final Logger LOGGER = System.getLogger(WebhookReceiver.class.getName());
  private static final ThreadLocal<@Nullable Call> CURRENT = new ThreadLocal<>();

  private final CallObserver observer;

  ObservedCalls(CallObserver observer) {
    this.observer = observer;
  }

  /** The application's listener, wrapped so that its outcome is noted. */
  WebhookListener wrap(WebhookListener listener) {
    return new WebhookListener() {
      @Override
      public void onEvent(WebhookEvent event) throws Exception {
        onEvent(event, WebhookRequest.builder().build());
      }

      @Override
      public void onEvent(WebhookEvent event, WebhookRequest request) throws Exception {
        try {
          listener.onEvent(event, request);
        } catch (Exception failure) {
          finished(request, event, failure);
          throw failure;
        }
        finished(request, event, null);
      }
    };
  }

  /** Runs the receiver's pipeline for one call and tells the observer its outcome. */
  WebhookOutcome receive(WebhookRequest request, Function<WebhookRequest, WebhookOutcome> pipeline) {
    Call previous = CURRENT.get();
    Call call = new Call(request);
    CURRENT.set(call);
    WebhookOutcome outcome;
    try {
      outcome = pipeline.apply(request);
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
    answered(request, outcome, Optional.ofNullable(call.failure));
    return outcome;
  }

  /** Tells the observer of a call refused by its screening, before its body was read or completed. */
  void screened(WebhookRequest request, WebhookOutcome refusal) {
    answered(request, refusal, Optional.empty());
  }

  private void finished(WebhookRequest request, WebhookEvent event, @Nullable Exception failure) {
    Call call = CURRENT.get();
    if (call != null && call.request == request) {
      call.failure = failure;
      return;
    }
    try {
      observer.handledLater(request, event, Optional.ofNullable(failure));
    } catch (RuntimeException broken) {
      LOGGER.log(Level.WARNING, "Webhook call observer failed; ignored", broken);
    }
  }

  private void answered(WebhookRequest request, WebhookOutcome outcome, Optional<Exception> failure) {
    try {
      observer.answered(request, outcome, failure);
    } catch (RuntimeException broken) {
      LOGGER.log(Level.WARNING, "Webhook call observer failed; ignored", broken);
    }
  }

  /** The call being received on this thread, and what its handler threw. */
  private static final class Call {
    final WebhookRequest request;
    @Nullable Exception failure;

    Call(WebhookRequest request) {
      this.request = request;
    }
  }
}
