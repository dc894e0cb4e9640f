package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener of the inbox test web application: records every event with the delivery id of its call,
 * and fails the first attempt for the profile {@link #FAILING_ONCE_PROFILE}, so that the inbox retries it.
 */
public final class InboxRecordingListener implements WebhookListener {

  static final long FAILING_ONCE_PROFILE = 666;
  static final String FAILURE = "the CRM is down for a moment";

  /** One handled event and the delivery id its request carried (empty when it carried none). */
  record Delivery(WebhookEvent event, String deliveryId) {}

  private static final ConcurrentLinkedQueue<Delivery> DELIVERIES = new ConcurrentLinkedQueue<>();
  private static final Map<Long, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  public InboxRecordingListener() {}

  @Override
  public void onEvent(WebhookEvent event) {
    throw new UnsupportedOperationException("the receiver passes the request");
  }

  @Override
  public void onEvent(WebhookEvent event, WebhookRequest request) {
    long profile = event instanceof ProfileEvent ? ((ProfileEvent) event).profileId() : -1;
    int attempt = ATTEMPTS.computeIfAbsent(profile, any -> new AtomicInteger()).incrementAndGet();
    if (profile == FAILING_ONCE_PROFILE && attempt == 1) {
      throw new IllegalStateException(FAILURE);
    }
    DELIVERIES.add(new Delivery(event, request.deliveryId().orElse("")));
  }

  static List<Delivery> deliveries() {
    return List.copyOf(DELIVERIES);
  }

  static int attempts(long profile) {
    AtomicInteger attempts = ATTEMPTS.get(profile);
    return attempts == null ? 0 : attempts.get();
  }

  static void clear() {
    DELIVERIES.clear();
    ATTEMPTS.clear();
  }
}
