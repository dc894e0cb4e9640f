package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The default guard at the rates and sizes it is made for, with a simulated clock. */
class CompactReplayGuardTest {

  private static final Instant START = Instant.parse("2026-11-28T09:15:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int RATE = 9_000;
  private static final long MIB = 1 << 20;

  @Test
  void theDefaultCapacityHoldsNineThousandCallsASecondOverItsWholeWindowInAtMost64MiB() {
    InMemoryReplayGuard guard = (InMemoryReplayGuard) ReplayGuard.inMemory();
    int calls = RATE * 450; // the whole window, then past the first sweeps of expired tokens

    for (int call = 0; call < calls; call++) {
      Instant now = START.plusNanos(call * (1_000_000_000L / RATE));
      Instant date = Instant.ofEpochSecond(now.getEpochSecond()); // Date has whole seconds
      if (!guard.claim("nonce " + call, now, date.plus(WINDOW))) {
        throw new AssertionError("call " + call + " was taken for a replay");
      }
    }

    assertThat(guard.size()).isGreaterThanOrEqualTo(RATE * 300).isLessThanOrEqualTo(ReplayGuard.DEFAULT_CAPACITY);
    assertThat(guard.bytes()).isLessThanOrEqualTo(guard.maxBytes());
    assertThat(guard.maxBytes()).isLessThanOrEqualTo(64 * MIB);
    Instant end = START.plusSeconds(450);
    assertThat(guard.claim("nonce " + (calls - RATE * 290), end, end.plus(WINDOW))).as("a replay of a call 290 s ago")
        .isFalse();
    assertThat(guard.claim("nonce " + (calls - 1), end, end.plus(WINDOW))).isFalse();
  }

  @Test
  void aStripedGuardHoldsAtLeastItsCapacityAndThenFailsClosed() {
    int capacity = InMemoryReplayGuard.STRIPED_FROM * 8;
    InMemoryReplayGuard guard = new InMemoryReplayGuard(capacity);
    int claimed = 0;
    WebhookException full = null;
    while (full == null) {
      try {
        assertThat(guard.claim("token " + claimed, START, START.plus(WINDOW))).isTrue();
        claimed++;
      } catch (WebhookException refused) {
        full = refused;
      }
    }

    assertThat(full.reason()).isEqualTo(Reason.REPLAY_GUARD_FULL);
    assertThat(InMemoryReplayGuard.stripeCount(capacity)).isEqualTo(16);
    assertThat(claimed).isGreaterThanOrEqualTo(capacity)
        .isLessThanOrEqualTo(InMemoryReplayGuard.stripeCount(capacity) * InMemoryReplayGuard.stripeLimit(capacity));
    assertThat(guard.claim("token 0", START.plusSeconds(1), START.plus(WINDOW))).isFalse();
    assertThat(guard.claim("token " + (claimed - 1), START.plusSeconds(1), START.plus(WINDOW))).isFalse();
    Instant later = START.plus(WINDOW).plusSeconds(1);
    assertThat(guard.claim("another", later, later.plus(WINDOW))).as("room once the tokens expire").isTrue();
  }

  @Test
  void concurrentClaimsOfTheSameTokensLetEachThroughExactlyOnce() throws Exception {
    int tokens = 50_000;
    int threads = 4;
    InMemoryReplayGuard guard = new InMemoryReplayGuard(InMemoryReplayGuard.STRIPED_FROM * 2);
    AtomicIntegerArray firstUses = new AtomicIntegerArray(tokens);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        List<Integer> order = shuffled(tokens, thread);
        runs.add(pool.submit(() -> {
          start.await();
          for (int token : order) {
            if (guard.claim("nonce " + token, START, START.plus(WINDOW))) {
              firstUses.incrementAndGet(token);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (int token = 0; token < tokens; token++) {
      assertThat(firstUses.get(token)).as("first uses of token %d", token).isEqualTo(1);
    }
    assertThat(guard.size()).isEqualTo(tokens);
  }

  @Test
  void agreesWithAMapOfTokensThroughGrowthSweepsAndRefusals() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int capacity = 1_500;
    InMemoryReplayGuard guard = new InMemoryReplayGuard(capacity);
    Map<String, Long> expiries = new HashMap<>();
    long now = START.getEpochSecond();
    for (int call = 0; call < 100_000; call++) {
      if (random.nextInt(100) == 0) {
        long current = ++now;
        expiries.values().removeIf(known -> known < current);
      }
      String token = "t" + random.nextInt(4_000);
      long expiry = now + random.nextInt(60);
      boolean replay = expiries.containsKey(token);
      boolean full = !replay && expiries.size() >= capacity;
      try {
        boolean first = guard.claim(token, Instant.ofEpochSecond(now), Instant.ofEpochSecond(expiry));
        assertThat(first).as("seed %d, call %d: first use of %s", seed, call, token).isEqualTo(!replay);
        assertThat(full).as("seed %d, call %d: the guard took a token beyond its capacity", seed, call).isFalse();
      } catch (WebhookException refused) {
        assertThat(full).as("seed %d, call %d: refused with room left", seed, call).isTrue();
        continue;
      }
      if (!replay) {
        expiries.put(token, expiry);
      }
    }
  }

  private static List<Integer> shuffled(int count, long seed) {
    List<Integer> order = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    return order;
  }
}
