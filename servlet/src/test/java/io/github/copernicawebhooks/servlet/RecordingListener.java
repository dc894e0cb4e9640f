package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The listener the test web.xml names: records every event in a static queue the tests read, and throws
 * for the profile {@link #FAILING_PROFILE}. Public with a public no-argument constructor, as web.xml needs.
 */
public final class RecordingListener implements WebhookListener {

  static final long FAILING_PROFILE = 666;
  static final String FAILURE_DETAIL = "database password is hunter2";

  private static final ConcurrentLinkedQueue<WebhookEvent> EVENTS = new ConcurrentLinkedQueue<>();

  public RecordingListener() {}

  @Override
  public void onEvent(WebhookEvent event) {
    if (event instanceof ProfileEvent && ((ProfileEvent) event).profileId() == FAILING_PROFILE) {
      throw new IllegalStateException(FAILURE_DETAIL);
    }
    EVENTS.add(event);
  }

  static List<WebhookEvent> events() {
    return List.copyOf(EVENTS);
  }

  static void clear() {
    EVENTS.clear();
  }
}
