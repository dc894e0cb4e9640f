package io.github.copernicawebhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import io.github.copernicawebhooks.testkit.WebhookBodyBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Property tests for variable names built from random text, multi-byte UTF-8 included, before the first
 * bracket, inside brackets and after them, sent through the real body builder ({@link
 * WebhookBodyBuilder#variable}) percent-encoded as PHP does and also with the multi-byte characters as raw
 * UTF-8. Seeded: a failure names the seed; rerun it with {@code -Dcopernica.seed=<seed>}.
 */
class NamePropertyTest {

  /** One to four UTF-8 bytes each, the edges of each length included, and ASCII that needs escaping. */
  private static final String[] PIECES = {
    "a", "Z", "7", "_", "-", ".", " ", "+", "%", "&", "=", "#", "é", "ß", "ÿ", "\u0080", "\u07ff", "名", "\u0800",
    "\uffff", "\ufffd", "😀", "\ud800\udc00", "\udbff\udfff", "%C3%A9", "%5B", "%5D"
  };

  private static final WebhookParser PARSER = WebhookParser.create();

  @Test
  void generatedNamesKeepTheirBaseBracketsAndKeyInBothEncodings() {
    forEachTry(6_000, random -> {
      GeneratedName generated = GeneratedName.random(random, false);
      String value = text(random, 0, 3);
      byte[] escaped = body(generated.name, value);

      for (byte[] body : List.of(escaped, withRawUtf8(escaped))) {
        DecodedBody decoded = FormDecoder.decode(body, ParserLimits.DEFAULTS);
        int last = decoded.size() - 1;
        assertThat(decoded.name(last)).isEqualTo(generated.name);
        assertThat(decoded.value(last)).isEqualTo(value);
        assertThat(decoded.baseLength(last)).isEqualTo(generated.base.length());
        assertThat(decoded.depth(last)).isEqualTo(generated.keys.size());
        if (generated.keys.size() == 1) {
          assertThat(decoded.key(last)).isEqualTo(generated.keys.get(0));
        }
        WebhookEvent event = PARSER.parse(body, WebhookBodies.FORM_CONTENT_TYPE);
        assertThat(event.raw()).containsEntry(generated.name, List.of(value));
      }
    });
  }

  @Test
  void generatedFieldAndParameterKeysArriveAsSent() {
    forEachTry(2_000, random -> {
      String field = text(random, 1, 4);
      String parameter = text(random, 1, 4);
      String value = text(random, 0, 3);
      WebhookBodyBuilder builder = WebhookBodies.profileUpdated().profile(1).field(field, value)
          .parameter(parameter, value);

      for (byte[] body : List.of(builder.encodeBytes(), withRawUtf8(builder.encodeBytes()))) {
        DecodedBody decoded = FormDecoder.decode(body, ParserLimits.DEFAULTS);
        List<String> fieldKeys = new ArrayList<>();
        List<String> parameterKeys = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
          if (decoded.group(i) == DecodedBody.FIELDS) {
            fieldKeys.add(decoded.key(i));
          } else if (decoded.group(i) == DecodedBody.PARAMETERS) {
            parameterKeys.add(decoded.key(i));
          }
        }
        assertThat(fieldKeys).containsExactly(field);
        assertThat(parameterKeys).containsExactly(parameter);
      }
    });
  }

  @Test
  void generatedNamesWithTextAfterTheirBracketsAreRefusedAsMalformed() {
    forEachTry(3_000, random -> {
      GeneratedName generated = GeneratedName.random(random, true);
      byte[] escaped = body(generated.name, "x");

      for (byte[] body : List.of(escaped, withRawUtf8(escaped))) {
        assertThatThrownBy(() -> PARSER.parse(body, WebhookBodies.FORM_CONTENT_TYPE))
            .isInstanceOfSatisfying(WebhookException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
            .hasMessageContaining("text after a closing bracket");
      }
    });
  }

  /** A valid update body with the generated variable last, as the builder encodes it. */
  private static byte[] body(String name, String value) {
    return WebhookBodies.profileUpdated().profile(1).variable(name, value).encodeBytes();
  }

  /** The body with every percent-escape of a byte above ASCII replaced by the raw byte. */
  static byte[] withRawUtf8(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    for (int i = 0; i < body.length; i++) {
      if (body[i] == '%' && i + 2 < body.length && body[i + 1] >= '8' && body[i + 1] <= 'F') {
        out.write(Integer.parseInt(new String(body, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(body[i]);
      }
    }
    return out.toByteArray();
  }

  static String text(Random random, int minPieces, int maxPieces) {
    StringBuilder text = new StringBuilder();
    int pieces = minPieces + random.nextInt(maxPieces - minPieces + 1);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /** A name of random text with zero to three bracket pairs of random text, and what it must decode to. */
  private static final class GeneratedName {
    final String name;
    final String base;
    final List<String> keys = new ArrayList<>();

    private GeneratedName(String base, List<String> keys, String after) {
      this.base = base;
      this.keys.addAll(keys);
      StringBuilder name = new StringBuilder(base);
      keys.forEach(key -> name.append('[').append(key).append(']'));
      this.name = name.append(after).toString();
    }

    /** With {@code textAfter}, at least one bracket pair is followed by more random text. */
    static GeneratedName random(Random random, boolean textAfter) {
      String base = text(random, 1, 4);
      int depth = (textAfter ? 1 : 0) + random.nextInt(textAfter ? 3 : 4);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < depth; i++) {
        keys.add(text(random, 0, 3));
      }
      return new GeneratedName(base, keys, textAfter ? text(random, 1, 3) : "");
    }
  }

  static void forEachTry(int tries, Consumer<Random> property) {
    long seed = Long.getLong("copernica.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int i = 0; i < tries; i++) {
      try {
        property.accept(random);
      } catch (AssertionError | RuntimeException e) {
        System.err.println("NamePropertyTest failed with seed " + seed + " (rerun with -Dcopernica.seed=" + seed + ")");
        throw new AssertionError("failed at try " + i + " with seed " + seed
            + " (rerun with -Dcopernica.seed=" + seed + "): " + e, e);
      }
    }
  }
}
