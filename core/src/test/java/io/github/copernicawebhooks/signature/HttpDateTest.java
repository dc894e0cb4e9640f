package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Sun, 05 Jan 2014 21:31:40 GMT | 2014-01-05T21:31:40Z",
      "Thu, 05 Mar 2026 09:07:03 GMT | 2026-03-05T09:07:03Z",
      "Sat, 29 Feb 2020 23:59:59 GMT | 2020-02-29T23:59:59Z",
      "Sun, 5 Jan 2014 21:31:40 GMT | 2014-01-05T21:31:40Z",
      "Sun, 05 Jan 2014 22:31:40 +0100 | 2014-01-05T21:31:40Z"})
  void readsHttpDates(String text, String instant) {
    assertThat(HttpDate.parse(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mon, 05 Jan 2014 21:31:40 GMT", "Sun, 32 Jan 2014 21:31:40 GMT",
      "Sun, 05 Jan 2014 25:31:40 GMT", "Sun, 05 Jab 2014 21:31:40 GMT", "Sun, 05 Jan 2014 21:31:40 UTC",
      "Sun, 0x Jan 2014 21:31:40 GMT", "Sat, 29 Feb 2021 12:00:00 GMT", "2014-01-05T21:31:40Z", ""})
  void refusesEverythingElse(String text) {
    assertThatThrownBy(() -> HttpDate.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
