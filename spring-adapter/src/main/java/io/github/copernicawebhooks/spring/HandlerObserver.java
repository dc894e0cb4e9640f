package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.event.WebhookEvent;

/** Watches the dispatch of events to handler methods; the metrics support implements it. */
interface HandlerObserver {

  HandlerObserver NONE = new HandlerObserver() {};

  /** Runs one handler method for the event; implementations must run it exactly once and rethrow its failure. */
  default void invoke(HandlerMethod handler, WebhookEvent event, Invocation invocation) throws Exception {
    invocation.run();
  }

  /** One call of a handler method. */
  @FunctionalInterface
  interface Invocation {
    void run() throws Exception;
  }
}
