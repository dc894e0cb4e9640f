package io.github.copernicawebhooks.samples.spring;

import io.github.copernicawebhooks.event.SubprofileUpdated;
import io.github.copernicawebhooks.spring.CopernicaWebhookHandler;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's handler failure: the first delivery of a subprofile update throws, as a handler whose CRM
 * does not answer would, so that the console shows a failed attempt and the inbox's retry that handles it.
 */
class DemoFailures {

  static final String FAILURE = "Demo: the CRM did not answer (this first attempt fails on purpose; the inbox retries it)";

  private final AtomicBoolean failedOnce = new AtomicBoolean();

  @CopernicaWebhookHandler
  void onSubprofileUpdate(SubprofileUpdated update) {
    if (failedOnce.compareAndSet(false, true)) {
      throw new IllegalStateException(FAILURE);
    }
  }
}
