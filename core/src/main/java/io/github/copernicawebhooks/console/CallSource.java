package io.github.copernicawebhooks.console;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Where the console's calls come from: the memory of recent calls, the inbox, or both. */
interface CallSource {

  String MEMORY_PREFIX = "m";
  String INBOX_PREFIX = "i";

  /** The matching calls, newest first, one page. */
  CallPage list(CallQuery query);

  /** The calls per outcome since then. */
  Map<Outcome, Long> counts(Instant since);

  Optional<CallDetail> find(String id);

  /** Delivers a failed or dead inbox row again now; {@code false} when it is not one (any more). */
  boolean retry(String id);

  /** Delivers a handled inbox row to the handlers again; {@code false} when it is not one. */
  boolean redeliver(String id);

  /** Deletes the matching calls whose outcome is final; returns how many. */
  int purge(CallQuery query);
}
