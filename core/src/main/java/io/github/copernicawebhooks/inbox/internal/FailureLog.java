package io.github.copernicawebhooks.inbox.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * The log of one step that keeps failing while the database is away: the first failure and then at most
 * one line per interval, with the number of failures in between, and one line when the step works again.
 */
final class FailureLog {

  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Logger logger;
  private final String step;
  private long failures;
  private long unlogged;
  private long lastLogged;

  FailureLog(Logger logger, String step) {
    this.logger = logger;
    this.step = step;
  }

  synchronized void failed(Exception failure) {
    failures++;
    long now = System.nanoTime();
    if (failures == 1 || now - lastLogged >= INTERVAL_NANOS) {
      logger.log(Level.WARNING, "Webhook inbox " + step + " failed" + (unlogged > 0 ? " (" + unlogged
          + " more failures since the last line)" : "") + "; retrying: " + InboxLog.message(failure));
      lastLogged = now;
      unlogged = 0;
    } else {
      unlogged++;
    }
  }

  synchronized void succeeded() {
    if (failures > 0) {
      logger.log(Level.INFO, "Webhook inbox " + step + " works again after " + failures + " failures");
      failures = 0;
      unlogged = 0;
    }
  }
}
