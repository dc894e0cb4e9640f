package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.internal.BodyBudget;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The init-params of asynchronous dispatch and de-duplication (both off unless set), and of the limits on
 * the bodies the filter reads.
 */
final class ResilienceSettings {

  static final String ASYNC_THREADS = "async-threads";
  static final String ASYNC_QUEUE_CAPACITY = "async-queue-capacity";
  static final String ASYNC_SHUTDOWN_SECONDS = "async-shutdown-seconds";
  static final String DEDUPLICATE = "deduplicate";
  static final String DEDUPLICATE_WINDOW_SECONDS = "deduplicate-window-seconds";
  static final String DEDUPLICATE_CAPACITY = "deduplicate-capacity";
  static final String DEDUPLICATOR = "deduplicator";
  static final String MAX_BUFFERED_BYTES = "max-buffered-bytes";
  static final String BODY_TIMEOUT_SECONDS = "body-timeout-seconds";
  static final String MIN_BODY_BYTES_PER_SECOND = "min-body-bytes-per-second";

  /** Every init-param of asynchronous dispatch, de-duplication and the body limits. */
  static final Set<String> NAMES = Set.of(ASYNC_THREADS, ASYNC_QUEUE_CAPACITY, ASYNC_SHUTDOWN_SECONDS, DEDUPLICATE,
      DEDUPLICATE_WINDOW_SECONDS, DEDUPLICATE_CAPACITY, DEDUPLICATOR, MAX_BUFFERED_BYTES, BODY_TIMEOUT_SECONDS,
      MIN_BODY_BYTES_PER_SECOND);

  /** The queue capacity of asynchronous mode unless {@code async-queue-capacity} says otherwise. */
  static final int DEFAULT_ASYNC_QUEUE_CAPACITY = 1000;

  private ResilienceSettings() {}

  static void apply(FilterSettings settings, WebhookReceiver.Builder builder) throws ServletException {
    int threads = nonNegativeInt(settings, ASYNC_THREADS);
    if (threads > 0) {
      builder.async(threads, (int) Math.min(Integer.MAX_VALUE, settings.positiveLong(
          ASYNC_QUEUE_CAPACITY, DEFAULT_ASYNC_QUEUE_CAPACITY)));
      builder.shutdownTimeout(Duration.ofSeconds(settings.positiveLong(
          ASYNC_SHUTDOWN_SECONDS, WebhookReceiver.DEFAULT_SHUTDOWN_TIMEOUT.toSeconds())));
    }
    if (settings.value(DEDUPLICATOR).isPresent()) {
      builder.deduplicate(sharedDeduplicator(settings));
    } else if (isDeduplicating(settings)) {
      builder.deduplicate(EventDeduplicator.inMemory(
          Duration.ofSeconds(settings.positiveLong(
              DEDUPLICATE_WINDOW_SECONDS, EventDeduplicator.DEFAULT_WINDOW.toSeconds())),
          (int) Math.min(Integer.MAX_VALUE, settings.positiveLong(
              DEDUPLICATE_CAPACITY, EventDeduplicator.DEFAULT_CAPACITY))));
    }
  }

  /** The bytes of bodies held at once; default an eighth of the heap. */
  static BodyBudget bodyBudget(FilterSettings settings) throws ServletException {
    return new BodyBudget(settings.positiveLong(MAX_BUFFERED_BYTES, BodyBudget.defaultBytes()));
  }

  /** How long a body may take to arrive. */
  static Duration bodyTimeout(FilterSettings settings) throws ServletException {
    return Duration.ofSeconds(settings.positiveLong(
        BODY_TIMEOUT_SECONDS, CopernicaWebhookFilter.DEFAULT_BODY_TIMEOUT.toSeconds()));
  }

  /** The slowest average rate of a body; {@code 0} for none. */
  static long minBodyBytesPerSecond(FilterSettings settings) throws ServletException {
    return settings.nonNegativeLong(
        MIN_BODY_BYTES_PER_SECOND, CopernicaWebhookFilter.DEFAULT_MIN_BODY_BYTES_PER_SECOND);
  }

  /**
   * The application's shared store named by {@code deduplicator}, which turns de-duplication on; the
   * settings of the in-memory store then do not apply, so they are refused rather than silently ignored.
   */
  private static EventDeduplicator sharedDeduplicator(FilterSettings settings) throws ServletException {
    if (settings.value(DEDUPLICATE).filter("false"::equalsIgnoreCase).isPresent()) {
      throw settings.invalid(DEDUPLICATOR, "turns de-duplication on, which init-param 'deduplicate'"
          + " turns off: remove one of them");
    }
    for (String inMemoryOnly : new String[] {
        DEDUPLICATE_WINDOW_SECONDS, DEDUPLICATE_CAPACITY}) {
      if (settings.value(inMemoryOnly).isPresent()) {
        throw settings.invalid(inMemoryOnly, "applies to the in-memory store only, and init-param 'deduplicator'"
            + " names the application's own: remove one of them");
      }
    }
    return settings.instance(DEDUPLICATOR, EventDeduplicator.class);
  }

  private static boolean isDeduplicating(FilterSettings settings) throws ServletException {
    String value = settings.value(DEDUPLICATE).orElse("false").toLowerCase(Locale.ROOT);
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw settings.invalid(DEDUPLICATE, "must be 'true' or 'false', not '" + value + "'");
  }

  /** {@code 0} when absent, which means synchronous. */
  private static int nonNegativeInt(FilterSettings settings, String name) throws ServletException {
    Optional<String> text = settings.value(name);
    if (text.isEmpty()) {
      return 0;
    }
    try {
      int number = Integer.parseInt(text.get());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a negative number
    }
    throw settings.invalid(name, "must be a whole number, 0 for synchronous handling, not '" + text.get() + "'");
  }
}
