package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Optional;

/**
 * Sees every call a {@link WebhookReceiver} answers and what became of it, for a record of recent calls
 * such as the console's {@link io.github.copernicawebhooks.console.RecentCalls}. A receiver has none
 * unless {@link WebhookReceiver.Builder#observer} sets one, and then costs nothing extra.
 *
 * <p>Methods are called on the threads that serve requests and run handlers, so they must be thread-safe
 * and quick, and should not throw: an exception they throw is logged and otherwise ignored.
 *
 * <pre>{@code
 * RecentCalls recent = RecentCalls.create();
 * WebhookReceiver receiver = WebhookReceiver.builder().observer(recent)...build();
 * }</pre>
 */
public interface CallObserver {

  /**
   * A call was answered: by {@link WebhookReceiver#receive}, or refused by {@link WebhookReceiver#screen}
   * before its body was read (the request then has an empty body).
   *
   * @param request the call as received
   * @param outcome what the receiver answers
   * @param handlerFailure what a handler threw, when the outcome is
   *     {@link WebhookOutcome.Kind#HANDLER_FAILED}
   */
  void answered(WebhookRequest request, WebhookOutcome outcome, Optional<Exception> handlerFailure);

  /**
   * The handlers of an event finished on another thread than the call's: an event accepted for
   * asynchronous handling, or one delivered later by the receiver's own workers. Called with the same
   * request object as {@link #answered}, possibly before it. Does nothing by default.
   *
   * @param request the call the event came in
   * @param event the event
   * @param failure what a handler threw; empty when they all returned
   */
  default void handledLater(WebhookRequest request, WebhookEvent event, Optional<Exception> failure) {}
}
