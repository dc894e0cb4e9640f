package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.event.WebhookEvent;

/** A listener whose constructor throws, as one that cannot reach its database would. */
public final class ListenerThatFailsToStart implements WebhookListener {

  public ListenerThatFailsToStart() {
    throw new IllegalStateException("cannot reach the database");
  }

  @Override
  public void onEvent(WebhookEvent event) {}
}
