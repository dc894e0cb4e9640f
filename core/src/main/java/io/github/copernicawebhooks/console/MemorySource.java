package io.github.copernicawebhooks.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The calls kept by {@link RecentCalls}. With the inbox, only those the inbox does not hold: refused,
 * duplicate, busy and failing calls, not the stored ones.
 */
final class MemorySource implements CallSource {

  private final RecentCalls recent;
  private final Predicate<Outcome> shown;

  MemorySource(RecentCalls recent, Predicate<Outcome> shown) {
    this.recent = recent;
    this.shown = shown;
  }

  @Override
  public CallPage list(CallQuery query) {
    List<CallSummary> matching = new ArrayList<>();
    for (RecordedCall call : recent.newestFirst()) {
      CallSummary summary = summary(call);
      if (shown.test(call.outcome()) && query.matches(summary)) {
        matching.add(summary);
      }
    }
    int from = Math.min(query.offset(), matching.size());
    int to = Math.min(from + query.limit(), matching.size());
    return new CallPage(matching.subList(from, to), matching.size());
  }

  @Override
  public Map<Outcome, Long> counts(Instant since) {
    Map<Outcome, Long> counts = recent.countsSince(since);
    counts.keySet().removeIf(outcome -> !shown.test(outcome));
    return counts;
  }

  @Override
  public Optional<CallDetail> find(String id) {
    return number(id).flatMap(recent::find).filter(call -> shown.test(call.outcome())).map(MemorySource::detail);
  }

  @Override
  public boolean retry(String id) {
    return false;
  }

  @Override
  public boolean redeliver(String id) {
    return false;
  }

  @Override
  public int purge(CallQuery query) {
    return recent.purge(call -> call.outcome().isFinal() && shown.test(call.outcome()) && query.matches(summary(call)));
  }

  static Optional<Long> number(String id) {
    if (!id.startsWith(MEMORY_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(id.substring(MEMORY_PREFIX.length())));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  static CallSummary summary(RecordedCall call) {
    Optional<String> lastError = call.attempts().isEmpty()
        ? Optional.empty()
        : call.attempts().get(call.attempts().size() - 1).error();
    return new CallSummary(MEMORY_PREFIX + call.id(), call.answeredAt(), call.outcome(), OptionalInt.of(call.status()),
        call.reason(), call.ids(), call.attempts().size(), Optional.empty(), call.method(), call.target(), lastError);
  }

  private static CallDetail detail(RecordedCall call) {
    return new CallDetail(summary(call), call.remoteAddress(), call.headers(), call.body(), call.bodyLength(),
        call.reasonMessage(), call.event(), call.attempts());
  }
}
