package io.github.copernicawebhooks.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Limits how many lines of one kind (a refusal reason) are logged per minute, so that a flood of bad calls
 * cannot fill the disk. Lines over the limit are counted; once their minute is over, one summary line says
 * how many were left out ("41 more refusals for DIGEST_MISMATCH within one minute were not logged"). The
 * summary is written with the next line this limiter is asked about, of any kind. Thread-safe. Not API: for
 * the SDK's own modules.
 */
public final class LogLimiter {

  /** Lines of one kind logged per minute before the rest are only counted. */
  public static final int DEFAULT_LINES_PER_MINUTE = 10;

  private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

  private final Logger logger;
  private final int linesPerMinute;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new HashMap<>();

  /** Limits lines to {@link #DEFAULT_LINES_PER_MINUTE} per kind, on the system clock. */
  public LogLimiter(Logger logger) {
    this(logger, DEFAULT_LINES_PER_MINUTE, System::nanoTime);
  }

  /** Limits lines to {@code linesPerMinute} per kind, timed by {@code nanoTime} (for tests). */
  public LogLimiter(Logger logger, int linesPerMinute, LongSupplier nanoTime) {
    if (linesPerMinute < 1) {
      throw new IllegalArgumentException("linesPerMinute must be positive: " + linesPerMinute);
    }
    this.logger = logger;
    this.linesPerMinute = linesPerMinute;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether a line of this kind may be logged now. Logs the summaries of minutes that are over first; when
   * the answer is {@code false} the line is counted for its own summary.
   *
   * @param kind what the line is about, for example a refusal reason
   * @param level the level the line would be logged at; the summary uses the highest one counted
   */
  public boolean permits(String kind, Level level) {
    long now = nanoTime.getAsLong();
    Map<String, Summary> due = new HashMap<>();
    boolean permitted;
    synchronized (windows) {
      collectEnded(now, due);
      Window window = windows.computeIfAbsent(kind, key -> new Window(now));
      permitted = window.logged < linesPerMinute;
      if (permitted) {
        window.logged++;
      } else {
        window.suppress(level);
      }
    }
    due.forEach(this::logSummary);
    return permitted;
  }

  private void collectEnded(long now, Map<String, Summary> due) {
    for (Iterator<Map.Entry<String, Window>> entries = windows.entrySet().iterator(); entries.hasNext(); ) {
      Map.Entry<String, Window> entry = entries.next();
      Window window = entry.getValue();
      if (now - window.start >= WINDOW_NANOS) {
        if (window.suppressed > 0) {
          due.put(entry.getKey(), new Summary(window.suppressed, window.level));
        }
        entries.remove();
      }
    }
  }

  private void logSummary(String kind, Summary summary) {
    logger.log(summary.level, "{0} more refusals for {1} within one minute were not logged (at most {2} a minute"
        + " are logged for each reason)", summary.count, kind, linesPerMinute);
  }

  private static final class Window {
    final long start;
    int logged;
    long suppressed;
    Level level = Level.INFO;

    Window(long start) {
      this.start = start;
    }

    void suppress(Level line) {
      suppressed++;
      if (line.getSeverity() > level.getSeverity()) {
        level = line;
      }
    }
  }

  private record Summary(long count, Level level) {}
}
