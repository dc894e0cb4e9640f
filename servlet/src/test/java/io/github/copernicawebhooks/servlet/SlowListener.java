package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener named by init-param for the asynchronous filter tests: counts down {@link #entered} when an
 * event reaches it, waits at the {@link #gate} while it is closed, takes a few milliseconds per event and
 * counts every profile id it handled.
 */
public final class SlowListener implements WebhookListener {

  static final Map<Long, AtomicInteger> HANDLED = new ConcurrentHashMap<>();
  static volatile CountDownLatch gate = new CountDownLatch(0);
  static volatile CountDownLatch entered = new CountDownLatch(0);

  public SlowListener() {}

  @Override
  public void onEvent(WebhookEvent event) throws Exception {
    entered.countDown();
    gate.await();
    Thread.sleep(2); // a little work per event, so that a queue builds up
    HANDLED.computeIfAbsent(((ProfileEvent) event).profileId(), id -> new AtomicInteger()).incrementAndGet();
  }
}
