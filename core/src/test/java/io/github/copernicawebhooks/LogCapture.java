package io.github.copernicawebhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the receiver logs. {@link System.Logger} writes to {@code java.util.logging} when no other
 * backend is installed, as in these tests.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final Level previousLevel;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  static LogCapture of(Class<?> loggerClass) {
    return new LogCapture(Logger.getLogger(loggerClass.getName()));
  }

  /** The records at INFO or above. */
  List<LogRecord> records() {
    return records.stream().filter(record -> record.getLevel().intValue() >= Level.INFO.intValue()).toList();
  }

  /** The formatted messages at INFO or above. */
  List<String> messages() {
    return records().stream().map(record -> new java.util.logging.SimpleFormatter().formatMessage(record)).toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
