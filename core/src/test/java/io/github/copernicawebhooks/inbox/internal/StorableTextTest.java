package io.github.copernicawebhooks.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void escapesNulVisiblyAndReplacesUnpairedSurrogatesButKeepsPairs() {
    String smile = "\uD83D\uDE00";
    String text = "a\u0000b \uD800 c \uDC00 " + smile;

    assertThat(StorableText.of(text)).isEqualTo("a\\u0000b \uFFFD c \uFFFD " + smile);
    String storable = StorableText.of(text);
    assertThat(new String(storable.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(storable);
  }

  @Test
  void returnsStorableTextItselfAndNullAsNull() {
    String text = "plain text, \u00e9t\u00e9";

    assertThat(StorableText.of(text)).isSameAs(text);
    assertThat(StorableText.ofNullable(null)).isNull();
    assertThat(StorableText.ofNullable(null, 10)).isNull();
  }

  @Test
  void cutsAfterEscapingSoThatTheColumnLengthHoldsAndNeverInsideAPair() {
    assertThat(StorableText.of("\u0000".repeat(10), 20)).hasSize(20).endsWith("...");
    assertThat(StorableText.of("abcdef\uD83D\uDE00xyz", 10)).isEqualTo("abcdef...");
    assertThat(StorableText.of("abcdefg", 7)).isEqualTo("abcdefg");
  }
}
