package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.inbox.InboxAttempt;
import io.github.copernicawebhooks.inbox.InboxEntry;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.InboxSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The inbox's stored events (handled, failed, dead, pending), merged newest first with the calls the
 * inbox never stored, which the memory of recent calls keeps (refused, duplicate, busy).
 */
final class InboxSource implements CallSource {

  private static final Set<InboxStatus> PURGEABLE = EnumSet.of(InboxStatus.HANDLED, InboxStatus.DEAD);

  private final InboxOperations inbox;
  private final CallSource memory;

  InboxSource(InboxOperations inbox, CallSource memory) {
    this.inbox = inbox;
    this.memory = memory;
  }

  @Override
  public CallPage list(CallQuery query) {
    CallQuery prefix = query.firstRows();
    CallPage remembered = memory.list(prefix);
    Optional<Set<InboxStatus>> statuses = statuses(query);
    List<CallSummary> stored = new ArrayList<>();
    long storedTotal = 0;
    if (statuses.isPresent()) {
      int wanted = prefix.limit();
      while (stored.size() < wanted) {
        int chunk = Math.min(InboxQuery.MAX_LIMIT, wanted - stored.size());
        var page = inbox.list(inboxQuery(query, statuses.get()).withOffset(stored.size()).withLimit(chunk));
        storedTotal = page.total();
        page.entries().forEach(summary -> stored.add(summary(summary)));
        if (page.entries().size() < chunk) {
          break;
        }
      }
    }
    List<CallSummary> merged = new ArrayList<>(remembered.calls());
    merged.addAll(stored);
    merged.sort(Comparator.comparing(CallSummary::time).reversed());
    int from = Math.min(query.offset(), merged.size());
    int to = Math.min(from + query.limit(), merged.size());
    return new CallPage(merged.subList(from, to), remembered.total() + storedTotal);
  }

  @Override
  public Map<Outcome, Long> counts(Instant since) {
    Map<Outcome, Long> counts = new EnumMap<>(memory.counts(since));
    inbox.countByStatus(Optional.of(since)).forEach((status, count) -> counts.merge(outcome(status), count, Long::sum));
    return counts;
  }

  @Override
  public Optional<CallDetail> find(String id) {
    Optional<Long> row = number(id);
    if (row.isEmpty()) {
      return memory.find(id);
    }
    return inbox.find(row.get()).map(InboxSource::detail);
  }

  @Override
  public boolean retry(String id) {
    return number(id).map(inbox::retryNow).orElse(false);
  }

  @Override
  public boolean redeliver(String id) {
    return number(id).map(inbox::redeliver).orElse(false);
  }

  @Override
  public int purge(CallQuery query) {
    int purged = memory.purge(query);
    Optional<Set<InboxStatus>> statuses = statuses(query);
    if (statuses.isPresent()) {
      Set<InboxStatus> purgeable = EnumSet.copyOf(PURGEABLE);
      if (!statuses.get().isEmpty()) {
        purgeable.retainAll(statuses.get());
      }
      if (!purgeable.isEmpty()) {
        purged += inbox.purge(inboxQuery(query, purgeable));
      }
    }
    return purged;
  }

  /** The inbox statuses the query asks for: empty for all, absent when it asks for none of the inbox's. */
  private static Optional<Set<InboxStatus>> statuses(CallQuery query) {
    if (query.outcomes().isEmpty()) {
      return Optional.of(Set.of());
    }
    Set<InboxStatus> statuses = EnumSet.noneOf(InboxStatus.class);
    for (InboxStatus status : InboxStatus.values()) {
      if (query.outcomes().contains(outcome(status))) {
        statuses.add(status);
      }
    }
    return statuses.isEmpty() ? Optional.empty() : Optional.of(statuses);
  }

  private static InboxQuery inboxQuery(CallQuery query, Set<InboxStatus> statuses) {
    return new InboxQuery(statuses, query.eventType(), query.id(), query.messageId(), query.from(), query.to(), 0,
        InboxQuery.DEFAULT_LIMIT);
  }

  static Outcome outcome(InboxStatus status) {
    switch (status) {
      case HANDLED:
        return Outcome.HANDLED;
      case FAILED:
        return Outcome.FAILED;
      case DEAD:
        return Outcome.DEAD;
      default:
        return Outcome.QUEUED;
    }
  }

  private static Optional<Long> number(String id) {
    if (!id.startsWith(INBOX_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(id.substring(INBOX_PREFIX.length())));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  static CallSummary summary(InboxSummary row) {
    EventIds ids = new EventIds(Optional.of(row.eventType()), row.profileId(), row.subprofileId(), row.databaseId(),
        row.collectionId(), row.messageId());
    return new CallSummary(INBOX_PREFIX + row.id(), row.receivedAt(), outcome(row.status()), OptionalInt.of(200),
        Optional.empty(), ids, row.attempts(), row.nextAttemptAt(), "POST", "", row.lastError());
  }

  private static CallDetail detail(InboxEntry entry) {
    CallSummary row = summary(entry.summary());
    CallSummary summary = new CallSummary(row.id(), row.time(), row.outcome(), row.status(), row.reason(), row.ids(),
        row.attempts(), row.nextAttemptAt(), entry.method(), entry.target(), row.lastError());
    List<Header> headers = new ArrayList<>();
    entry.headers().forEach((name, values) -> values.forEach(value -> headers.add(new Header(name, CallCapture.shown(name, value)))));
    List<Attempt> attempts = new ArrayList<>();
    for (InboxAttempt attempt : entry.attempts()) {
      attempts.add(new Attempt(attempt.number(), attempt.startedAt(), attempt.endedAt(), attempt.succeeded(),
          attempt.error(), attempt.stackTrace(), Optional.of(attempt.instanceId())));
    }
    byte[] body = entry.body();
    return new CallDetail(summary, Optional.empty(), headers, body, body.length, Optional.empty(), Optional.empty(),
        attempts);
  }
}
