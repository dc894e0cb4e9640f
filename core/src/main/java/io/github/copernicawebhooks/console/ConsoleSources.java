package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxOperations;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's source of calls for a receiver: its memory of recent calls and, later, its inbox. */
final class ConsoleSources {

  static final String MEMORY = "memory";
  static final String INBOX = "inbox";

  private final CallSource source;
  private final String mode;

  private ConsoleSources(CallSource source, String mode) {
    this.source = source;
    this.mode = mode;
  }

  /** Without the inbox, every call the memory kept; with it, the inbox and the calls it never stored. */
  static ConsoleSources of(WebhookReceiver receiver, Optional<RecentCalls> recent) {
    Optional<InboxOperations> inbox = receiver.inbox();
    if (inbox.isEmpty()) {
      return new ConsoleSources(recent.<CallSource>map(calls -> new MemorySource(calls, outcome -> true))
          .orElseGet(ConsoleSources::none), MEMORY);
    }
    CallSource memory = recent.<CallSource>map(calls -> new MemorySource(calls, outcome -> outcome != Outcome.STORED))
        .orElseGet(ConsoleSources::none);
    return new ConsoleSources(new InboxSource(inbox.get(), memory), INBOX);
  }

  CallSource source() {
    return source;
  }

  /** {@code memory} or {@code inbox}. */
  String mode() {
    return mode;
  }

  /** A source without calls, for a console given neither a memory nor an inbox. */
  private static CallSource none() {
    return new CallSource() {
      @Override
      public CallPage list(CallQuery query) {
        return new CallPage(List.of(), 0);
      }

      @Override
      public Map<Outcome, Long> counts(Instant since) {
        return new EnumMap<>(Outcome.class);
      }

      @Override
      public Optional<CallDetail> find(String id) {
        return Optional.empty();
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
        return 0;
      }
    };
  }
}
