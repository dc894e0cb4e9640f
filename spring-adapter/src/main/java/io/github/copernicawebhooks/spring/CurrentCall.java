package io.github.copernicawebhooks.spring;

import org.jspecify.annotations.Nullable;

/**
 * What the metrics filter learns about the call it wraps while the receiver handles it on the same
 * thread: the type of the event once dispatched, and whether handling it failed. Nothing is recorded
 * outside a call or when metrics are off.
 */
final class CurrentCall {

  private static final ThreadLocal<CurrentCall> CURRENT = new ThreadLocal<>();

  private @Nullable String event;
  private boolean handlerFailed;

  private CurrentCall() {}

  static CurrentCall open() {
    CurrentCall call = new CurrentCall();
    CURRENT.set(call);
    return call;
  }

  static void dispatched(String event) {
    @Nullable CurrentCall call = CURRENT.get();
    if (call != null) {
      call.event = event;
    }
  }

  static void handlerFailed() {
    @Nullable CurrentCall call = CURRENT.get();
    if (call != null) {
      call.handlerFailed = true;
    }
  }

  /** The event class name, or {@code none} when no event reached the handlers. */
  String event() {
    return event == null ? WebhookMetrics.NO_EVENT : event;
  }

  boolean wasDispatched() {
    return event != null;
  }

  boolean hasHandlerFailed() {
    return handlerFailed;
  }

  void close() {
    CURRENT.remove();
  }
}
