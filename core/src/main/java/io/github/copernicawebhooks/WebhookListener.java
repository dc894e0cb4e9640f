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
}
