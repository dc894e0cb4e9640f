package io.github.copernicawebhooks.signature;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code Date} header. IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), which Copernica
 * sends, is read by hand on the hot path; anything else goes through the JDK's RFC 1123 parser, which
 * also takes one-digit days and numeric offsets.
 */
final class HttpDate {

  private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final String IMF_FIXDATE_SHAPE = "Www, DD Mmm YYYY HH:MM:SS GMT";

  private HttpDate() {}

  /**
   * The instant of an HTTP date.
   *
   * @throws DateTimeParseException when the text is not one
   */
  static Instant parse(String text) {
    Instant fixdate = parseImfFixdate(text);
    return fixdate != null ? fixdate : DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
  }

  private static @Nullable Instant parseImfFixdate(String text) {
    if (text.length() != IMF_FIXDATE_SHAPE.length() || !text.startsWith(", ", 3) || !text.endsWith(" GMT")
        || text.charAt(7) != ' ' || text.charAt(11) != ' ' || text.charAt(16) != ' '
        || text.charAt(19) != ':' || text.charAt(22) != ':') {
      return null;
    }
    int day = DAYS.indexOf(text.substring(0, 3));
    int month = MONTHS.indexOf(text.substring(8, 11));
    int dayOfMonth = digits(text, 5, 2);
    int year = digits(text, 12, 4);
    int hour = digits(text, 17, 2);
    int minute = digits(text, 20, 2);
    int second = digits(text, 23, 2);
    if (day < 0 || month < 0 || dayOfMonth < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      LocalDate date = LocalDate.of(year, month + 1, dayOfMonth);
      if (date.getDayOfWeek().ordinal() != day) {
        throw new DateTimeParseException("day of week does not match the date", text, 0);
      }
      return date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw e;
    } catch (DateTimeException e) {
      throw new DateTimeParseException("not a valid date: " + e.getMessage(), text, 0, e);
    }
  }

  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
