package io.github.copernicawebhooks;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers which events were already handled, so that a resent event is acknowledged without being
 * dispatched again. The key is a hash of the event's body: Copernica signs a resend again, with a new
 * {@code Date} and nonce, so only the content identifies it.
 *
 * <p>The in-memory store of {@link #inMemory(Duration, int)} serves one process; for several instances
 * behind a load balancer implement this interface over a shared store: {@code claim} is Redis
 * {@code SET key 1 NX PX window} or an insert into a table with a unique key, {@code release} a delete.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(verifier)
 *     .listener(dispatcher)
 *     .deduplicate(EventDeduplicator.inMemory(Duration.ofHours(1), 100_000))
 *     .build();
 * }</pre>
 */
public interface EventDeduplicator {

  /** How long a handled event is remembered unless configured otherwise. */
  Duration DEFAULT_WINDOW = Duration.ofHours(1);

  /** How many handled events the in-memory store remembers at most unless configured otherwise. */
  int DEFAULT_CAPACITY = 100_000;

  /**
   * Claims an event for dispatch, atomically: {@code true} when the key was not claimed within the window
   * (the caller dispatches the event and the key is now claimed), {@code false} for a duplicate.
   *
   * @param key the hex SHA-256 of the event's raw body
   */
  boolean claim(String key);

  /**
   * Forgets a claim, so that the next delivery of the same event is dispatched again. The receiver calls it
   * when the handler failed or the event could not be queued.
   */
  void release(String key);

  /** An in-memory store with the {@linkplain #DEFAULT_WINDOW default window} and size. */
  static EventDeduplicator inMemory() {
    return inMemory(DEFAULT_WINDOW, DEFAULT_CAPACITY);
  }

  /**
   * An in-memory store for one process that remembers a claimed key for {@code window}, holding at most
   * {@code capacity} keys (the eldest are forgotten first when a burst outpaces the window).
   */
  static EventDeduplicator inMemory(Duration window, int capacity) {
    return new InMemoryEventDeduplicator(window, capacity, Clock.systemUTC());
  }
}
