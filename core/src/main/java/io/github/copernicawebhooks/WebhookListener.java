package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;

/** Application code that handles every received event. An exception it throws makes the call fail (500). */
@FunctionalInterface
public interface WebhookListener {
  void onEvent(WebhookEvent event) throws Exception;
}
