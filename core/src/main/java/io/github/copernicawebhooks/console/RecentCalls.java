package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.CallObserver;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * The console's memory of the last calls a receiver answered, of every outcome: time, request line,
 * headers (signatures shortened), the first bytes of the body, outcome and reason, event type and ids,
 * and what a handler threw. Bounded per kind of outcome: accepted, failed, busy, unsigned, refused by the
 * signature check, malformed, too large and screened calls each have a ring of {@link #capacity()} calls,
 * and the oldest call of a kind is forgotten when a new one of that kind does not fit. A flood of junk
 * therefore cannot push out a genuine refusal; all kinds are listed together, newest first. Counts per
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

  /** How many calls of each kind are kept unless configured otherwise. */
  public static final int DEFAULT_CAPACITY = 500;

  /** How many bytes of each body are kept unless configured otherwise; a bigger body is cut. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;


  private final int capacity;
  private final int maxBodyBytes;
  private final Clock clock;
  /** Every call kept, by id, in the order of their ids. */
  private final Map<Long, RecordedCall> kept = new LinkedHashMap<>();
  /** The ids in each kind's ring, oldest first, by the kind's ordinal. */
  private final List<ArrayDeque<Long>> rings = new ArrayList<>();
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
    for (CallKind kind : CallKind.values()) {
      rings.add(new ArrayDeque<>());
    }
  }

  /** A record of the last {@link #DEFAULT_CAPACITY} calls of each kind. */
  public static RecentCalls create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many calls of each kind are kept at most. */
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

  /** Keeps the call in its kind's ring, moving it there if its outcome changed its kind. */
  private void store(RecordedCall call) {
    CallKind kind = CallKind.of(call);
    RecordedCall before = kept.put(call.id(), call);
    if (before != null && CallKind.of(before) == kind) {
      return;
    }
    if (before != null) {
      ring(before).remove(call.id());
    }
    ArrayDeque<Long> ring = rings.get(kind.ordinal());
    ring.addLast(call.id());
    if (ring.size() > capacity) {
      forget(ring.removeFirst());
    }
  }

  private ArrayDeque<Long> ring(RecordedCall call) {
    return rings.get(CallKind.of(call).ordinal());
  }

  private void forget(long id) {
    kept.remove(id);
    awaiting.values().remove(id);
  }

  /** The calls kept, of every kind, newest first. */
  synchronized List<RecordedCall> newestFirst() {
    List<RecordedCall> calls = new ArrayList<>(kept.values());
    Collections.reverse(calls);
    return calls;
  }

  synchronized Optional<RecordedCall> find(long id) {
    return Optional.ofNullable(kept.get(id));
  }

  /** Forgets the kept calls that match; returns how many. */
  synchronized int purge(Predicate<RecordedCall> matches) {
    List<RecordedCall> matching = new ArrayList<>();
    for (RecordedCall call : kept.values()) {
      if (matches.test(call)) {
        matching.add(call);
      }
    }
    for (RecordedCall call : matching) {
      ring(call).remove(call.id());
      forget(call.id());
    }
    return matching.size();
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

    /**
     * How many calls of each kind are kept; default {@link #DEFAULT_CAPACITY}. There are eight kinds, so
     * at most eight times this many calls are kept in all, each with at most {@link #maxBodyBytes} of body.
     */
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
