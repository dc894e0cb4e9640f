package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the inbox workers once the context is refreshed. The receiver exists early (the web server's
 * filters need it), but the {@link CopernicaWebhookHandler} methods are registered only once every
 * singleton exists: a worker started with the receiver could take a call stored by an earlier run and
 * hand it to no method. The workers stop when the receiver is closed with the context.
 */
final class InboxWorkers implements SmartLifecycle {

  private final WebhookReceiver receiver;
  private volatile boolean running;

  InboxWorkers(WebhookReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void start() {
    receiver.start();
    running = true;
  }

  /** Only notes the stop: closing the receiver with the context lets the workers finish their calls. */
  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
