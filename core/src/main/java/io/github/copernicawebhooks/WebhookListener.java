package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;

/**
 * Application code that handles every received event, verified and parsed. An exception it throws makes
 * the call fail with 500 (Copernica logs failed calls); the exception is logged, never sent back.
 *
 * <p>For typed handlers per event type use {@link WebhookDispatcher}, which is a listener too.
 */
@FunctionalInterface
public interface WebhookListener {

  /** Handles one event; called concurrently from the threads that serve requests. */
  void onEvent(WebhookEvent event) throws Exception;

  /**
   * Handles one event together with the verified call it came in; the receiver calls this method. By
   * default it forgets the call and calls {@link #onEvent(WebhookEvent)}: override it to see headers,
   * the request target or the raw body.
   */
  default void onEvent(WebhookEvent event, WebhookRequest request) throws Exception {
    onEvent(event);
  }
}
