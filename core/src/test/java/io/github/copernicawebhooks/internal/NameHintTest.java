package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The form decoder guesses each name from the one that followed the previous name last time: a guess that is
 * a prefix of the real name, longer than it, or followed by something else must not be taken, and a name
 * taken from a guess still obeys this parser's limits. Each case first teaches the guess {@code hint.a} →
 * {@code hint.bc} with a body of its own, then decodes the body under test.
 */
class NameHintTest {

  private static DecodedBody decode(String body, ParserLimits limits) {
    return FormDecoder.decode(body.getBytes(StandardCharsets.UTF_8), limits);
  }

  private static List<String> pairs(DecodedBody body) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      pairs.add(body.name(i) + "=" + body.value(i));
    }
    return pairs;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // body                          | decoded, pairs joined by ' '
      "hint.a=1&hint.bc=2              | hint.a=1 hint.bc=2",
      "hint.a=1&hint.b=2               | hint.a=1 hint.b=2",
      "hint.a=1&hint.bcd=2             | hint.a=1 hint.bcd=2",
      "hint.a=1&hint.bc                | hint.a=1 hint.bc=",
      "hint.a=1&hint.bc&x=3            | hint.a=1 hint.bc= x=3",
      "hint.a=1&hint.b                 | hint.a=1 hint.b=",
      "hint.a=1&hint.bc%5B%5D=2        | hint.a=1 hint.bc[]=2",
      "hint.a=1&hint.bc=2=3            | hint.a=1 hint.bc=2=3",
      "hint.a=1&hint.bx=2              | hint.a=1 hint.bx=2",
      "hint.a=1&&hint.bc=2             | hint.a=1 hint.bc=2",
  })
  void takesAGuessedNameOnlyWhenTheWholeNameMatches(String body, String expected) {
    for (int i = 0; i < 3; i++) {
      decode("hint.a=0&hint.bc=0", ParserLimits.DEFAULTS);
    }

    DecodedBody decoded = decode(body, ParserLimits.DEFAULTS);

    assertThat(String.join(" ", pairs(decoded))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // body of a limited parser       | problem
      "limit.a=1&limit.bcdefghij=2      | variable name at byte 10 is longer than 12 bytes",
      "lim.a=1&lim.b%5Bx%5D%5By%5D=2    | variable at byte 8 is nested deeper than 1 brackets",
  })
  void checksAGuessedNameAgainstTheLimitsOfThisParser(String body, String problem) {
    String teach = body.substring(0, body.indexOf('&')) + "&" + body.substring(body.indexOf('&') + 1, body.lastIndexOf('='));
    for (int i = 0; i < 3; i++) {
      assertThat(decode(teach + "=0", ParserLimits.DEFAULTS).size()).isEqualTo(2);
    }
    ParserLimits limits = ParserLimits.DEFAULTS.withMaxKeyLength(12).withMaxDepth(1);

    assertThatThrownBy(() -> decode(body, limits))
        .isInstanceOfSatisfying(WebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED))
        .hasMessageContaining(problem);
  }
}
