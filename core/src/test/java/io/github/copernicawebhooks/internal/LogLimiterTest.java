package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through {@link System.Logger}, which writes to {@code java.util.logging} here, captured as it is written. */
class LogLimiterTest {

  private static final String NAME = LogLimiterTest.class.getName();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final LogLimiter limiter = new LogLimiter(System.getLogger(NAME), 3, nanos::get);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void capture() {
    Logger.getLogger(NAME).addHandler(capture);
  }

  @AfterEach
  void release() {
    Logger.getLogger(NAME).removeHandler(capture);
  }

  @Test
  void permitsTheLimitPerKindAndMinuteThenCounts() {
    for (int line = 0; line < 3; line++) {
      assertThat(limiter.permits("DIGEST_MISMATCH", Level.WARNING)).isTrue();
    }
    assertThat(limiter.permits("DIGEST_MISMATCH", Level.WARNING)).isFalse();
    assertThat(limiter.permits("DIGEST_MISMATCH", Level.WARNING)).isFalse();
    assertThat(limiter.permits("DATE_STALE", Level.WARNING)).as("another reason has its own limit").isTrue();

    assertThat(records).as("no summary while the minute lasts").isEmpty();
  }

  @Test
  void summarisesWhatWasLeftOutOnceTheMinuteIsOver() {
    for (int line = 0; line < 45; line++) {
      limiter.permits("DIGEST_MISMATCH", line % 2 == 0 ? Level.INFO : Level.WARNING);
    }
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(limiter.permits("DATE_STALE", Level.INFO)).isTrue();
    assertThat(records).isEmpty();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(limiter.permits("DATE_STALE", Level.INFO)).isTrue();

    assertThat(records).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).as("the highest level left out").isEqualTo(java.util.logging.Level.WARNING);
      assertThat(new SimpleFormatter().formatMessage(record))
          .startsWith("42 more refusals for DIGEST_MISMATCH within one minute were not logged")
          .contains("at most 3 a minute");
    });
    assertThat(limiter.permits("DIGEST_MISMATCH", Level.INFO)).as("a new minute").isTrue();
  }

  @Test
  void writesNoSummaryWhenNothingWasLeftOut() {
    limiter.permits("DIGEST_MISMATCH", Level.INFO);
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    limiter.permits("DIGEST_MISMATCH", Level.INFO);

    assertThat(records).isEmpty();
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> new LogLimiter(System.getLogger(NAME), 0, nanos::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
