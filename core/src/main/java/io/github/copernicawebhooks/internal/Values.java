package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/** Reads the typed values of Copernica variables: decimal ids, Unix seconds and local date-times. */
final class Values {

  /** 9999-12-31T23:59:59Z: later times are not plausible and would not fit every date-time type. */
  private static final long LAST_SECOND = 253_402_300_799L;

  private static final int DATE_TIME_LENGTH = "YYYY-MM-DD HH:MM:SS".length();

  private Values() {}

  /** A decimal, non-negative long; anything else is an {@code INVALID_VARIABLE} naming the variable. */
  static long id(String name, String value) {
    long result = digits(value);
    if (result < 0) {
      throw invalid(name, value, "is not a decimal id");
    }
    return result;
  }

  /** Unix seconds, as in {@code time}. */
  static Instant epochSeconds(String name, String value) {
    Instant result = epochSecondsOrNull(value);
    if (result == null) {
      throw invalid(name, value, "is not a number of seconds since 1970");
    }
    return result;
  }

  /** The instant, or null when the text is not a number of Unix seconds. */
  static @Nullable Instant epochSecondsOrNull(String value) {
    long seconds = digits(value);
    return seconds < 0 || seconds > LAST_SECOND ? null : Instant.ofEpochSecond(seconds);
  }

  /** {@code YYYY-MM-DD HH:MM:SS} (a {@code T} instead of the space is accepted too). */
  static LocalDateTime dateTime(String name, String value) {
    LocalDateTime result = dateTimeOrNull(value);
    if (result == null) {
      throw invalid(name, value, "is not a date-time like 2024-01-31 23:59:00");
    }
    return result;
  }

  /** The date-time, or null when the text is not one. */
  static @Nullable LocalDateTime dateTimeOrNull(String value) {
    if (value.length() != DATE_TIME_LENGTH || !hasDateTimeSeparators(value)) {
      return null;
    }
    int year = number(value, 0, 4);
    int month = number(value, 5, 7);
    int day = number(value, 8, 10);
    int hour = number(value, 11, 13);
    int minute = number(value, 14, 16);
    int second = number(value, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Whether the value is MySQL's "no date" ({@code 0000-00-00 00:00:00}), which means absent. */
  static boolean isZeroDateTime(String value) {
    return value.equals("0000-00-00 00:00:00");
  }

  private static boolean hasDateTimeSeparators(String value) {
    char middle = value.charAt(10);
    return value.charAt(4) == '-' && value.charAt(7) == '-' && (middle == ' ' || middle == 'T')
        && value.charAt(13) == ':' && value.charAt(16) == ':';
  }

  private static int number(String value, int from, int to) {
    int result = 0;
    for (int i = from; i < to; i++) {
      int digit = value.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      result = result * 10 + digit;
    }
    return result;
  }

  /** The value of 1 to 19 decimal digits, or -1 when it is not that or overflows a long. */
  private static long digits(String value) {
    int length = value.length();
    if (length == 0 || length > 19) {
      return -1;
    }
    long result = 0;
    for (int i = 0; i < length; i++) {
      int digit = value.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      result = result * 10 + digit;
      if (result < 0) {
        return -1;
      }
    }
    return result;
  }

  static WebhookException invalid(String name, String value, String problem) {
    return new WebhookException(Reason.INVALID_VARIABLE,
        "variable '" + name + "' " + problem + ": '" + Texts.shorten(value) + "'");
  }
}
