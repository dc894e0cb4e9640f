package io.github.copernicawebhooks.console;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The list's filters and page: outcomes (none: all), event type, an id (profile, subprofile, database or
 * collection), an email message id, a time range (from inclusive, to exclusive), offset and limit.
 */
record CallQuery(
    Set<Outcome> outcomes,
    Optional<String> eventType,
    OptionalLong id,
    Optional<String> messageId,
    Optional<Instant> from,
    Optional<Instant> to,
    int offset,
    int limit) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final int MAX_OFFSET = 10_000;

  CallQuery {
    outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
  }

  boolean allows(Outcome outcome) {
    return outcomes.isEmpty() || outcomes.contains(outcome);
  }

  /** Whether the call matches every filter (the page is not looked at). */
  boolean matches(CallSummary call) {
    return allows(call.outcome())
        && eventType.map(type -> call.ids().eventType().map(type::equalsIgnoreCase).orElse(false)).orElse(true)
        && (id.isEmpty() || call.ids().hasId(id.getAsLong()))
        && messageId.map(message -> call.ids().message().map(message::equals).orElse(false)).orElse(true)
        && from.map(start -> !call.time().isBefore(start)).orElse(true)
        && to.map(end -> call.time().isBefore(end)).orElse(true);
  }

  /** The same filters for the first {@code offset + limit} calls, to merge two sources into one page. */
  CallQuery firstRows() {
    return new CallQuery(outcomes, eventType, id, messageId, from, to, 0, offset + limit);
  }
}
