package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.CallObserver;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * The console's memory of the last calls a receiver answered, of every outcome: time, request line,
 * headers (signatures shortened), the first bytes of the body, outcome and reason, event type and ids,
 * and what a handler threw. Bounded: the oldest call is forgotten when a new one does not fit. Counts per
 * outcome over the last day are kept apart, so they stay exact. Thread-safe.
 *
 * <p>Give it to the receiver as its {@linkplain io.github.copernicawebhooks.WebhookReceiver.Builder#observer
 * observer}, and to the {@link WebhookConsole}:
 *
 * <pre>{@code
 * RecentCalls recent = RecentCalls.builder().capacity(500).build();
 * WebhookReceiver receiver = WebhookReceiver.builder().observer(recent)...build();
 * WebhookConsole console = WebhookConsole.builder(receiver).recentCalls(recent).build();
 * }</pre>
 */
public final class RecentCalls implements CallObserver {

  /** How many calls are kept unless configured otherwise. */
  public static final int DEFAULT_CAPACITY = 500;

  /** How many bytes of each body are kept unless configured otherwise; a bigger body is cut. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;


  private final int capacity;
  private final int maxBodyBytes;
  private final Clock clock;
  private final RecordedCall[] ring;
  private final OutcomeCounts counts = new OutcomeCounts();
  private final Map<WebhookRequest, Long> awaiting = new IdentityHashMap<>();
  /**
   * Completions that arrived before their call was answered (an asynchronous handler can finish first).
   * Weak keys: a request that is never answered here (an inbox worker's) is not kept alive by this map.
   */
  private final Map<WebhookRequest, Completion> early = new WeakHashMap<>();
  private long lastId;

  private RecentCalls(Builder builder) {
    this.capacity = builder.capacity;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.clock = builder.clock;
    this.ring = new RecordedCall[capacity];
  }

  /** A record of the last {@link #DEFAULT_CAPACITY} calls. */
  public static RecentCalls create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many calls are kept at most. */
  public int capacity() {
    return capacity;
  }

  /** How many bytes of each body are kept at most. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public void answered(WebhookRequest request, WebhookOutcome outcome, Optional<Exception> handlerFailure) {
    Instant now = clock.instant();
    synchronized (this) {
      RecordedCall call = CallCapture.capture(++lastId, now, request, outcome, handlerFailure, maxBodyBytes);
      if (call.outcome() == Outcome.QUEUED) {
        Completion completion = early.remove(request);
        if (completion != null) {
          call = complete(call, completion);
        } else {
          awaiting.put(request, call.id());
        }
      }
      store(call);
      if (call.outcome() != Outcome.QUEUED) {
        counts.add(now, call.outcome());
      }
    }
  }

  @Override
  public void handledLater(WebhookRequest request, WebhookEvent event, Optional<Exception> failure) {
    if (request.deliveryId().isPresent()) {
      return; // an inbox worker's delivery: the inbox keeps its attempts
    }
    Completion completion = new Completion(clock.instant(), failure);
    synchronized (this) {
      Long id = awaiting.remove(request);
      if (id == null) {
        early.put(request, completion);
        return;
      }
      find(id).ifPresent(call -> store(complete(call, completion)));
    }
  }

  private RecordedCall complete(RecordedCall call, Completion completion) {
    Outcome outcome = completion.failure.isPresent() ? Outcome.FAILED : Outcome.HANDLED;
    counts.add(completion.at, outcome);
    return call.completed(outcome,
        CallCapture.attempt(call.attempts().size() + 1, call.answeredAt(), completion.at, completion.failure));
  }

  private void store(RecordedCall call) {
    int slot = slot(call.id());
    RecordedCall evicted = ring[slot];
    if (evicted != null && evicted.id() != call.id()) {
      awaiting.values().remove(evicted.id());
    }
    ring[slot] = call;
  }

  private int slot(long id) {
    return (int) ((id - 1) % capacity);
  }

  /** The calls kept, newest first. */
  synchronized List<RecordedCall> newestFirst() {
    List<RecordedCall> calls = new ArrayList<>();
    for (long id = lastId; id > 0 && id > lastId - capacity; id--) {
      RecordedCall call = ring[slot(id)];
      if (call != null && call.id() == id) {
        calls.add(call);
      }
    }
    return calls;
  }

  synchronized Optional<RecordedCall> find(long id) {
    if (id < 1 || id > lastId || id <= lastId - capacity) {
      return Optional.empty();
    }
    RecordedCall call = ring[slot(id)];
    return call != null && call.id() == id ? Optional.of(call) : Optional.empty();
  }

  /** Forgets the kept calls that match; returns how many. */
  synchronized int purge(Predicate<RecordedCall> matches) {
    int purged = 0;
    for (int slot = 0; slot < ring.length; slot++) {
      RecordedCall call = ring[slot];
      if (call != null && matches.test(call)) {
        ring[slot] = null;
        awaiting.values().remove(call.id());
        purged++;
      }
    }
    return purged;
  }

  /** Calls per outcome since the given instant, at most a day back, counted when their outcome was final. */
  synchronized Map<Outcome, Long> countsSince(Instant since) {
    return counts.since(since, clock.instant());
  }

  Clock clock() {
    return clock;
  }

  private static final class Completion {
    final Instant at;
    final Optional<Exception> failure;

    Completion(Instant at, Optional<Exception> failure) {
      this.at = at;
      this.failure = failure;
    }
  }

  /** Builds {@link RecentCalls}. */
  public static final class Builder {
    private int capacity = DEFAULT_CAPACITY;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** How many calls are kept; default {@link #DEFAULT_CAPACITY}. */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /** How many bytes of each body are kept; default {@link #DEFAULT_MAX_BODY_BYTES}. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The clock that dates the calls; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public RecentCalls build() {
      return new RecentCalls(this);
    }
  }

  @Override
  public String toString() {
    return "RecentCalls(capacity " + capacity + ")";
  }
}
