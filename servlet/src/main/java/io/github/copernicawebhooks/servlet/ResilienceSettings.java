package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookReceiver;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The init-params of asynchronous dispatch and de-duplication (both off unless set), and of the limits on
 * the bodies the filter reads.
 */
final class ResilienceSettings {

  private ResilienceSettings() {}

  static void apply(FilterSettings settings, WebhookReceiver.Builder builder) throws ServletException {
    int threads = nonNegativeInt(settings, FilterSettings.ASYNC_THREADS);
    if (threads > 0) {
      builder.async(threads, (int) Math.min(Integer.MAX_VALUE, settings.positiveLong(
          FilterSettings.ASYNC_QUEUE_CAPACITY, FilterSettings.DEFAULT_ASYNC_QUEUE_CAPACITY)));
      builder.shutdownTimeout(Duration.ofSeconds(settings.positiveLong(
          FilterSettings.ASYNC_SHUTDOWN_SECONDS, WebhookReceiver.DEFAULT_SHUTDOWN_TIMEOUT.toSeconds())));
    }
    if (settings.value(FilterSettings.DEDUPLICATOR).isPresent()) {
      builder.deduplicate(sharedDeduplicator(settings));
    } else if (isDeduplicating(settings)) {
      builder.deduplicate(EventDeduplicator.inMemory(
          Duration.ofSeconds(settings.positiveLong(
              FilterSettings.DEDUPLICATE_WINDOW_SECONDS, EventDeduplicator.DEFAULT_WINDOW.toSeconds())),
          (int) Math.min(Integer.MAX_VALUE, settings.positiveLong(
              FilterSettings.DEDUPLICATE_MAX_ENTRIES, EventDeduplicator.DEFAULT_MAX_ENTRIES))));
    }
  }

  /** The bytes of bodies held at once; default an eighth of the heap. */
  static BodyBudget bodyBudget(FilterSettings settings) throws ServletException {
    return new BodyBudget(settings.positiveLong(FilterSettings.MAX_BUFFERED_BYTES, BodyBudget.defaultBytes()));
  }

  /** How long a body may take to arrive. */
  static Duration bodyTimeout(FilterSettings settings) throws ServletException {
    return Duration.ofSeconds(settings.positiveLong(
        FilterSettings.BODY_TIMEOUT_SECONDS, CopernicaWebhookFilter.DEFAULT_BODY_TIMEOUT.toSeconds()));
  }

  /** The slowest average rate of a body; {@code 0} for none. */
  static long minBodyBytesPerSecond(FilterSettings settings) throws ServletException {
    return settings.nonNegativeLong(
        FilterSettings.MIN_BODY_BYTES_PER_SECOND, CopernicaWebhookFilter.DEFAULT_MIN_BODY_BYTES_PER_SECOND);
  }

  /**
   * The application's shared store named by {@code deduplicator}, which turns de-duplication on; the
   * settings of the in-memory store then do not apply, so they are refused rather than silently ignored.
   */
  private static EventDeduplicator sharedDeduplicator(FilterSettings settings) throws ServletException {
    if (settings.value(FilterSettings.DEDUPLICATE).filter("false"::equalsIgnoreCase).isPresent()) {
      throw settings.invalid(FilterSettings.DEDUPLICATOR, "turns de-duplication on, which init-param 'deduplicate'"
          + " turns off: remove one of them");
    }
    for (String inMemoryOnly : new String[] {
        FilterSettings.DEDUPLICATE_WINDOW_SECONDS, FilterSettings.DEDUPLICATE_MAX_ENTRIES}) {
      if (settings.value(inMemoryOnly).isPresent()) {
        throw settings.invalid(inMemoryOnly, "applies to the in-memory store only, and init-param 'deduplicator'"
            + " names the application's own: remove one of them");
      }
    }
    return settings.instance(FilterSettings.DEDUPLICATOR, EventDeduplicator.class);
  }

  private static boolean isDeduplicating(FilterSettings settings) throws ServletException {
    String value = settings.value(FilterSettings.DEDUPLICATE).orElse("false").toLowerCase(Locale.ROOT);
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw settings.invalid(FilterSettings.DEDUPLICATE, "must be 'true' or 'false', not '" + value + "'");
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
