package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The listener of the console test web application: throws for the profile {@link #FAILING_PROFILE}
 * while {@link #BROKEN} is set, as a handler whose database is down would, until the test "repairs" it.
 */
public final class ConsoleTestListener implements WebhookListener {

  static final long FAILING_PROFILE = 666;
  static final String FAILURE = "the CRM is down";
  static final AtomicBoolean BROKEN = new AtomicBoolean(true);

  public ConsoleTestListener() {}

  @Override
  public void onEvent(WebhookEvent event) {
    if (BROKEN.get() && event instanceof ProfileEvent && ((ProfileEvent) event).profileId() == FAILING_PROFILE) {
      throw new IllegalStateException(FAILURE);
    }
  }
}
