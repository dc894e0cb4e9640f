package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void keepsPlainTextAsItIs() {
    String plain = "POST /webhooks/copernica?source=x&b=%0A caf\u00e9 \ud83d\ude00 \u4e2d";

    assertThat(LogText.escape(plain)).isSameAs(plain);
  }

  @Test
  void escapesLineBreaksTabsAndTheBackslash() {
    assertThat(LogText.escape("a\nb\rc\td\\e")).isEqualTo("a\\nb\\rc\\td\\\\e");
  }

  @Test
  void escapesOtherControlCharactersAsUnicodeEscapes() {
    assertThat(LogText.escape("\u0000\u001b[31m\u007f\u0085\u009b")).isEqualTo("\\u0000\\u001b[31m\\u007f\\u0085\\u009b");
  }

  @Test
  void escapesSeparatorsAndInvisibleFormatCharacters() {
    assertThat(LogText.escape("a\u2028b\u2029c\u202ed\u200be\ufeff"))
        .isEqualTo("a\\u2028b\\u2029c\\u202ed\\u200be\\ufeff");
  }

  @Test
  void escapesLoneSurrogatesButKeepsPairs() {
    assertThat(LogText.escape("x\ud83dy\ude00z\ud83d\ude00")).isEqualTo("x\\ud83dy\\ude00z\ud83d\ude00");
  }

  @Test
  void cutsLongValuesWithoutSplittingAPair() {
    String escaped = LogText.escape("a".repeat(LogText.MAX_LENGTH - 1) + "\ud83d\ude00" + "b".repeat(100));

    assertThat(escaped).isEqualTo("a".repeat(LogText.MAX_LENGTH - 1) + "...");
    assertThat(LogText.escape("\n".repeat(1000))).isEqualTo("\\n".repeat(LogText.MAX_LENGTH) + "...");
  }

  @Test
  void writesNoneForAnAbsentValue() {
    assertThat(LogText.escape(null)).isEqualTo("(none)");
  }
}
