package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import io.github.copernicawebhooks.testkit.WebhookBodyBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the parser: {@value #TRIES} bodies per run, each a generated valid body (names and
 * values with multi-byte characters before, inside and after brackets, percent signs, control bytes) changed
 * one to four times by byte-level mutations. Every parse must return an event or throw {@link
 * WebhookException}; anything else fails with the seed and the body. Seeded: the seed is printed on a failure
 * and is in its message; rerun it with {@code -Dcopernica.seed=<seed>}.
 */
class ParserFuzzTest {

  static final int TRIES = 100_000;
  private static final int BASE_BODIES = 400;
  private static final String[] TEXT = {
    "a", "z", "0", "9", " ", "+", "%", "%%", "%2", "%G1", "%25", "[", "]", "[]", "][", "&", "=", "é", "名", "😀",
    "\u0000", "\u0001", "\u001f", "\u007f", "\r\n", "\t", "\"", "\\", "{", "}", ":", ",", "\ufffd", "\u0080"
  };
  /** Inserted raw: escapes of brackets and of multi-byte sequences (whole, cut short, overlong, surrogate). */
  private static final String[] ESCAPES = {
    "%5B", "%5D", "%5B%5D", "%C3%A9", "%C3", "%A9", "%E5%90%8D", "%E5%90", "%F0%9F%98%80", "%F0%9F%98", "%C0%80",
    "%ED%A0%80", "%F4%90%80%80", "%FF", "%00", "%0A", "%", "%2", "+", "&", "=", "&=", "==", "[", "]", "[[", "]]"
  };
  /** Inserted raw: multi-byte UTF-8, valid and broken, and control bytes. */
  private static final byte[][] RAW_BYTES = {
    {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xc3}, {(byte) 0xa9}, {(byte) 0xe5, (byte) 0x90, (byte) 0x8d},
    {(byte) 0xe5, (byte) 0x90}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, {(byte) 0xf0, (byte) 0x9f},
    {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xff}, {(byte) 0xfe}, {0x00},
    {0x01}, {0x1f}, {0x7f}, {'\r', '\n'}, {'\t'}
  };

  private final WebhookParser parser = WebhookParser.create();

  @Test
  void everyMutatedBodyGivesAnEventOrAWebhookException() {
    long seed = Long.getLong("copernica.seed", System.nanoTime());
    Random random = new Random(seed);
    List<byte[]> forms = new ArrayList<>();
    List<byte[]> jsons = new ArrayList<>();
    for (int i = 0; i < BASE_BODIES; i++) {
      WebhookBodyBuilder builder = randomBody(random);
      forms.add(builder.encodeBytes());
      forms.add(NamesAsRawUtf8.of(builder.encodeBytes()));
      jsons.add(builder.encodeJson().getBytes(StandardCharsets.UTF_8));
    }
    int events = 0;
    for (int i = 0; i < TRIES; i++) {
      boolean json = random.nextInt(8) == 0;
      List<byte[]> pool = json ? jsons : forms;
      byte[] body = pool.get(random.nextInt(pool.size()));
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        body = mutate(body, random);
      }
      events += parsesOrRefuses(body, json ? WebhookBodies.JSON_CONTENT_TYPE : WebhookBodies.FORM_CONTENT_TYPE, seed, i);
    }
    if (events == 0 || events == TRIES) {
      throw new AssertionError("seed " + seed + ": " + events + " of " + TRIES
          + " mutated bodies parsed, so the mutations reach only one outcome");
    }
  }

  /** 1 for an event, 0 for a {@link WebhookException}; fails with the seed for anything else. */
  private int parsesOrRefuses(byte[] body, String contentType, long seed, int attempt) {
    try {
      WebhookEvent event = parser.parse(body, contentType);
      if (event == null || event.raw() == null) {
        throw new IllegalStateException("parse returned " + event);
      }
      return 1;
    } catch (WebhookException refused) {
      if (refused.reason() == null || refused.getMessage() == null || refused.getMessage().isBlank()) {
        throw failure(seed, attempt, body, contentType, refused);
      }
      return 0;
    } catch (RuntimeException | Error escaped) {
      throw failure(seed, attempt, body, contentType, escaped);
    }
  }

  private static AssertionError failure(long seed, int attempt, byte[] body, String contentType, Throwable cause) {
    String message = "seed " + seed + " (rerun with -Dcopernica.seed=" + seed + "), try " + attempt + ", "
        + contentType + " body " + HexFormat.of().formatHex(body) + ": " + cause;
    System.err.println("ParserFuzzTest failed: " + message);
    return new AssertionError(message, cause);
  }

  private static WebhookBodyBuilder randomBody(Random random) {
    WebhookBodyBuilder builder = switch (random.nextInt(4)) {
      case 0 -> WebhookBodies.profileCreated();
      case 1 -> WebhookBodies.profileUpdated();
      case 2 -> WebhookBodies.subprofileUpdated().subprofile(random.nextInt(1000));
      default -> WebhookBodies.profileDeleted();
    };
    builder.profile(random.nextInt(1_000_000));
    int variables = random.nextInt(8);
    for (int i = 0; i < variables; i++) {
      switch (random.nextInt(4)) {
        case 0 -> builder.field(text(random, 1), text(random, 0));
        case 1 -> builder.parameter(text(random, 1), text(random, 0));
        case 2 -> builder.interest(text(random, 1));
        default -> builder.variable(name(random), text(random, 0));
      }
    }
    return builder;
  }

  /** Random text before, inside and after zero to two bracket pairs; brackets in the text make some invalid. */
  private static String name(Random random) {
    StringBuilder name = new StringBuilder(text(random, 1));
    int depth = random.nextInt(3);
    for (int i = 0; i < depth; i++) {
      name.append('[').append(text(random, 0)).append(']');
    }
    if (random.nextInt(6) == 0) {
      name.append(text(random, 1));
    }
    return name.toString();
  }

  private static String text(Random random, int minPieces) {
    StringBuilder text = new StringBuilder();
    int pieces = minPieces + random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      text.append(TEXT[random.nextInt(TEXT.length)]);
    }
    return text.toString();
  }

  static byte[] mutate(byte[] body, Random random) {
    if (body.length == 0) {
      return RAW_BYTES[random.nextInt(RAW_BYTES.length)].clone();
    }
    int at = random.nextInt(body.length + 1);
    switch (random.nextInt(7)) {
      case 0:
        return insert(body, at, ESCAPES[random.nextInt(ESCAPES.length)].getBytes(StandardCharsets.US_ASCII));
      case 1:
        return insert(body, at, RAW_BYTES[random.nextInt(RAW_BYTES.length)]);
      case 2: {
        byte[] flipped = body.clone();
        flipped[Math.min(at, body.length - 1)] ^= (byte) (1 << random.nextInt(8));
        return flipped;
      }
      case 3: {
        byte[] replaced = body.clone();
        replaced[Math.min(at, body.length - 1)] = (byte) random.nextInt(256);
        return replaced;
      }
      case 4: {
        int length = Math.min(1 + random.nextInt(8), body.length - Math.min(at, body.length - 1));
        int from = Math.min(at, body.length - 1);
        byte[] removed = new byte[body.length - length];
        System.arraycopy(body, 0, removed, 0, from);
        System.arraycopy(body, from + length, removed, from, body.length - from - length);
        return removed;
      }
      case 5:
        return Arrays.copyOf(body, at);
      default: {
        int from = random.nextInt(body.length);
        int length = Math.min(1 + random.nextInt(24), body.length - from);
        return insert(body, at, Arrays.copyOfRange(body, from, from + length));
      }
    }
  }

  private static byte[] insert(byte[] body, int at, byte[] piece) {
    byte[] result = new byte[body.length + piece.length];
    System.arraycopy(body, 0, result, 0, at);
    System.arraycopy(piece, 0, result, at, piece.length);
    System.arraycopy(body, at, result, at + piece.length, body.length - at);
    return result;
  }

  /** The body with percent-escapes of bytes above ASCII written as the raw bytes. */
  private static final class NamesAsRawUtf8 {
    static byte[] of(byte[] body) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
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
  }
}
