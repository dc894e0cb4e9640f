package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names with characters of more than one UTF-8 byte before, inside and after brackets: the bracket structure
 * is found in decoded bytes but the name is cut as a string, so offsets must be counted in {@code char}s.
 * Each expectation is written out by hand.
 */
class FormDecoderTest {

  private static DecodedBody decode(String body) {
    return FormDecoder.decode(body.getBytes(StandardCharsets.UTF_8), ParserLimits.DEFAULTS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // body                     | name        | base | depth | key
      "é[]=x                      | é[]         | 1    | 1     | ''",
      "%C3%A9%5B%5D=x             | é[]         | 1    | 1     | ''",
      "%C3%A9[]=x                 | é[]         | 1    | 1     | ''",
      "xé[ab]=1                   | xé[ab]      | 2    | 1     | ab",
      "x%C3%A9%5Bab%5D=1          | xé[ab]      | 2    | 1     | ab",
      "😀[]=x                     | 😀[]        | 2    | 1     | ''",
      "%F0%9F%98%80%5Bk%5D=x      | 😀[k]       | 2    | 1     | k",
      "名前[é]=x                  | 名前[é]     | 2    | 1     | é",
      "a[é😀]=x                   | a[é😀]      | 1    | 1     | é😀",
      "fields[%C3%A9]=x           | fields[é]   | 6    | 1     | é",
      "é%5B%C3%A9%5D%5B😀%5D=x    | é[é][😀]    | 1    | 2     | é][😀",
      "é=x                        | é           | 1    | 0     | -",
      "😀😀=x                     | 😀😀        | 4    | 0     | -",
  })
  void cutsNamesWithMultiByteCharactersAtTheirBrackets(String body, String name, int base, int depth, String key) {
    DecodedBody decoded = decode(body);

    assertThat(decoded.size()).isEqualTo(1);
    assertThat(decoded.name(0)).isEqualTo(name);
    assertThat(decoded.baseLength(0)).isEqualTo(base);
    assertThat(decoded.depth(0)).isEqualTo(depth);
    if (depth > 0) {
      assertThat(decoded.key(0)).isEqualTo(key);
    }
  }

  @Test
  void givesTheSameStructureForACachedName() {
    decode("xé[ab]=1");

    DecodedBody again = decode("xé[ab]=2&xé[ab]=3");

    assertThat(again.key(0)).isEqualTo("ab");
    assertThat(again.key(1)).isEqualTo("ab");
    assertThat(again.baseLength(1)).isEqualTo(2);
  }

  @Test
  void findsTheGroupOfAnAsciiBaseNameWithMultiByteKeys() {
    DecodedBody decoded = decode("fields%5B%E5%90%8D%5D=x&parameters[😀]=y&interests[é]=1");

    assertThat(decoded.group(0)).isEqualTo(DecodedBody.FIELDS);
    assertThat(decoded.key(0)).isEqualTo("名");
    assertThat(decoded.group(1)).isEqualTo(DecodedBody.PARAMETERS);
    assertThat(decoded.key(1)).isEqualTo("😀");
    assertThat(decoded.group(2)).isEqualTo(DecodedBody.INTERESTS);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "é]=x            | a closing bracket without an opening one",
      "é[é=x           | an unclosed bracket",
      "é[a]é=x         | text after a closing bracket",
      "é[[a]]=x        | a bracket inside brackets",
      "%C3%A9[%C3]=x   | invalid UTF-8",
      "%C3[]=x         | invalid UTF-8",
      "%F0%9F%98[]=x   | invalid UTF-8",
  })
  void refusesBrokenNamesWithMultiByteCharactersAsMalformed(String body, String problem) {
    assertThatThrownBy(() -> decode(body))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
        .hasMessageContaining(problem);
  }
}
