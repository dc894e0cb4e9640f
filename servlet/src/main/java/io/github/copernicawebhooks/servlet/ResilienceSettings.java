package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookReceiver;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The init-params of asynchronous dispatch and de-duplication, both off unless set. */
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
    if (isDeduplicating(settings)) {
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
