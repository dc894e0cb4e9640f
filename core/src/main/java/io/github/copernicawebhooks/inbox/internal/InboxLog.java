package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookReceiver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;

/** The inbox's log lines. Database failures are one line with the cause's message, not a stack per call. */
final class InboxLog {

  private static final Logger LOGGER = System.getLogger(WebhookReceiver.class.getPackageName() + ".inbox");

  private InboxLog() {}

  /** A rate-limited log of a step that fails while the database is away. */
  static FailureLog failures(String step) {
    return new FailureLog(LOGGER, step);
  }

  static void started(String table, String instanceId, int workers) {
    LOGGER.log(Level.INFO, "Webhook inbox {0} started on instance {1} with {2} workers", table, instanceId, workers);
  }

  static void schemaCreated(String table, String script) {
    LOGGER.log(Level.INFO, "Webhook inbox tables {0} checked or created with {1}", table, script);
  }

  static void shutdownWriteFailed(Exception failure) {
    LOGGER.log(Level.WARNING, "Webhook inbox write-back at shutdown failed; the rows are taken over when their"
        + " lease lapses: " + message(failure));
  }

  static void handlerFailed(long id, int attempt, String event, boolean dead, Throwable failure) {
    LOGGER.log(dead ? Level.ERROR : Level.WARNING,
        "Webhook inbox event " + id + " (" + event + ") failed attempt " + attempt
            + (dead ? " and is dead: no attempts left" : "; retried later"), failure);
  }

  static void lateCompletion(long id, int attempt) {
    LOGGER.log(Level.INFO, "Webhook inbox event {0}: attempt {1} finished after its lease was taken over; its"
        + " result is dropped", id, attempt);
  }

  static void writeBackGaveUp(long id, String reason, boolean markedDead) {
    LOGGER.log(Level.ERROR, "Webhook inbox event " + id + ": " + reason + (markedDead ? "; it is marked dead"
        : "; marking it dead failed too, so it is let go and its lease lapses"));
  }

  static void workerReplaced(String thread, Throwable cause) {
    LOGGER.log(Level.ERROR, "Webhook inbox worker thread " + thread + " failed and was replaced", cause);
  }

  static void notFinished(int running, Duration timeout) {
    LOGGER.log(Level.WARNING, "Webhook inbox: {0} handlers still ran after the shutdown wait of {1}; their"
        + " events were given back and will be retried", running, timeout);
  }

  static void purged(int deleted, int keysKept, int deadBodies) {
    LOGGER.log(Level.DEBUG, "Webhook inbox housekeeping deleted {0} events past retention, kept only the"
        + " de-duplication keys of {1} and cleared the bodies of {2} dead ones", deleted, keysKept, deadBodies);
  }

  static void spoolOpened(Path slot, long pending, long tornBytes) {
    if (tornBytes > 0) {
      LOGGER.log(Level.WARNING, "Webhook inbox spool {0}: the last record was torn (the process died while writing"
          + " it, before its call was answered); its {1} bytes were cut off and nothing of it is stored", slot,
          tornBytes);
    }
    if (pending > 0) {
      LOGGER.log(Level.INFO, "Webhook inbox spool {0} holds {1} calls from before this start; they are moved into"
          + " the inbox table once the database can be reached", slot, pending);
    }
  }

  static void spoolFull(Path slot, long quotaBytes) {
    LOGGER.log(Level.ERROR, "Webhook inbox spool {0} is full (quota {1} bytes) while the database is away: the call"
        + " is answered 503", slot, quotaBytes);
  }

  static void spoolRecordSkipped(Path slot, long position, Exception failure) {
    LOGGER.log(Level.ERROR, "Webhook inbox spool " + slot + ": the record at byte " + position + " passed its"
        + " checksum but cannot be read, so it is skipped: " + message(failure));
  }

  static void spooling(String table, String reason) {
    LOGGER.log(Level.WARNING, "Webhook inbox {0}: calls are spooled to local disk until the database takes them"
        + " again ({1})", table, reason);
  }

  static void drained(String table, long calls) {
    LOGGER.log(Level.INFO, "Webhook inbox {0}: the spool is drained; {1} spooled calls were moved into the table",
        table, calls);
  }

  static void waitingForDatabase(String table, Exception failure) {
    LOGGER.log(Level.WARNING, "Webhook inbox " + table + ": the database cannot be reached at start-up; the"
        + " receiver starts anyway, spools calls and checks the schema again in the background: "
        + message(failure));
  }

  static void schemaChecked(String table) {
    LOGGER.log(Level.INFO, "Webhook inbox {0}: the database is reachable and the schema checked; workers start",
        table);
  }

  static String message(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " "));
  }
}
