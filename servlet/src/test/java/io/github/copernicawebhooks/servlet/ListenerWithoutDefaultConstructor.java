package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.event.WebhookEvent;

/** A listener web.xml cannot name: it has no no-argument constructor. */
public final class ListenerWithoutDefaultConstructor implements WebhookListener {

  public ListenerWithoutDefaultConstructor(String name) {
    // the argument only makes the no-argument constructor absent
  }

  @Override
  public void onEvent(WebhookEvent event) {}
}
