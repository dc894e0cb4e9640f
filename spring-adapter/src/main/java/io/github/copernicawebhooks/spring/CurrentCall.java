package io.github.copernicawebhooks.spring;

import org.jspecify.annotations.Nullable;

/**
 * What the metrics filter learns about the call it wraps while the receiver handles it on the same
 * thread: the type of the event, once parsed. Empty outside a call or when metrics are off.
 */
final class CurrentCall {

  private static final ThreadLocal<CurrentCall> CURRENT = new ThreadLocal<>();

  private String event = WebhookMetrics.NO_EVENT;

  private CurrentCall() {}

  static CurrentCall open() {
    CurrentCall call = new CurrentCall();
    CURRENT.set(call);
    return call;
  }

  static void noteEvent(String event) {
    @Nullable CurrentCall call = CURRENT.get();
    if (call != null) {
      call.event = event;
    }
  }

  String event() {
    return event;
  }

  void close() {
    CURRENT.remove();
  }
}
