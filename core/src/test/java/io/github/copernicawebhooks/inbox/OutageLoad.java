package io.github.copernicawebhooks.inbox;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady signed load on receivers in this JVM: four senders, each a new profile update every 10 ms, spread
 * over the receivers; counts what was answered how, per phase and in all.
 */
final class OutageLoad {

  private static final int SENDERS = 4;

  private final WebhookReceiver[] receivers;
  private final AtomicInteger next = new AtomicInteger();
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger spooled = new AtomicInteger();
  private final AtomicLong slowestNanos = new AtomicLong();
  private final List<String> phases = new ArrayList<>();

  OutageLoad(WebhookReceiver... receivers) {
    this.receivers = receivers.clone();
  }

  /** Sends for this long, then returns once every sender's last call was answered. */
  void run(Duration duration) throws Exception {
    int sentBefore = next.get();
    int spooledBefore = spooled.get();
    long deadline = System.nanoTime() + Math.max(0, duration.toNanos());
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      running.add(senders.submit(() -> {
        while (System.nanoTime() < deadline) {
          send(next.incrementAndGet());
          TimeUnit.MILLISECONDS.sleep(10); // the pace of the load, not a wait for a condition
        }
        return null;
      }));
    }
    for (Future<?> sender : running) {
      sender.get(60, TimeUnit.SECONDS);
    }
    senders.shutdown();
    phases.add((next.get() - sentBefore) + " sent (" + (spooled.get() - spooledBefore) + " spooled) in "
        + duration.toMillis() + " ms");
  }

  private void send(int profile) {
    long started = System.nanoTime();
    WebhookOutcome outcome = receivers[profile % receivers.length]
        .receive(Harness.signed(Harness.profileUpdate(profile)));
    long took = System.nanoTime() - started;
    slowestNanos.accumulateAndGet(took, Math::max);
    if (outcome.isSuccess()) {
      acknowledged.add((long) profile);
      if (outcome.kind() == WebhookOutcome.Kind.SPOOLED) {
        spooled.incrementAndGet();
      }
    } else {
      refused.incrementAndGet();
    }
  }

  int sent() {
    return next.get();
  }

  Set<Long> profiles() {
    return acknowledged;
  }

  int refused() {
    return refused.get();
  }

  int spooled() {
    return spooled.get();
  }

  long slowestMillis() {
    return slowestNanos.get() / 1_000_000;
  }

  @Override
  public String toString() {
    return sent() + " calls sent, " + acknowledged.size() + " answered 2xx (" + spooled() + " from the spool), "
        + refused() + " refused; phases before / during / during / after: " + phases;
  }
}
