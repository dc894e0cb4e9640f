package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.ProfileCreated;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileCreated;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.SubprofileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import io.github.copernicawebhooks.testkit.WebhookBodyBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property tests with a seeded {@link Random}. A failure names the seed; rerun it with
 * {@code -Dcopernica.seed=<seed>}.
 */
class ParserPropertyTest {

  private static final String FORM = WebhookBodies.FORM_CONTENT_TYPE;
  private static final String JSON = WebhookBodies.JSON_CONTENT_TYPE;
  private static final String[] PIECES = {
    "a", "Z", "7", " ", "&", "=", "+", "%", "[", "]", "%41", "é", "名", "😀", "\"", "'", "/", "?", "#", "-", "_", ".", "~"
  };

  private final WebhookParser parser = WebhookParser.create();

  @Test
  void roundTripsGeneratedEventsThroughFormJsonAndRaw() {
    forEachTry(2_000, random -> {
      Spec spec = Spec.random(random);
      WebhookEvent event = parser.parse(spec.builder().encode());

      spec.assertMatches(event);
      assertThat(parser.parse(spec.builder().encodeJson().getBytes(StandardCharsets.UTF_8), JSON)).isEqualTo(event);
      assertThat(parser.parse(WebhookBodies.encode(event.raw()))).isEqualTo(event);
      assertThat(WebhookEvents.fromJson(WebhookEvents.toJson(event))).isEqualTo(event);
    });
  }

  @Test
  void anyBytesGiveAnEventOrAWebhookException() {
    forEachTry(5_000, random -> {
      byte[] body = new byte[random.nextInt(160)];
      for (int i = 0; i < body.length; i++) {
        body[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) "type=&%5B%5D[]+pro1fiel0dsx%".charAt(random.nextInt(28));
      }
      parsesOrRefuses(body, random.nextBoolean() ? FORM : JSON);
    });
  }

  @Test
  void mutatedValidBodiesGiveAnEventOrAWebhookException() {
    forEachTry(5_000, random -> {
      Spec spec = Spec.random(random);
      boolean json = random.nextInt(4) == 0;
      byte[] body = (json ? spec.builder().encodeJson() : spec.builder().encode()).getBytes(StandardCharsets.UTF_8);
      int mutations = 1 + random.nextInt(3);
      for (int i = 0; i < mutations; i++) {
        body = mutate(body, random);
      }
      parsesOrRefuses(body, json ? JSON : FORM);
    });
  }

  private void parsesOrRefuses(byte[] body, String contentType) {
    try {
      WebhookEvent event = parser.parse(body, contentType);
      assertThat(event.raw()).isNotNull();
      assertThat(event.type()).isNotNull();
    } catch (WebhookException expected) {
      assertThat(expected.reason()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  static byte[] mutate(byte[] body, Random random) {
    if (body.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    int at = random.nextInt(body.length);
    switch (random.nextInt(5)) {
      case 0:
        byte[] flipped = body.clone();
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        return flipped;
      case 1:
        byte[] inserted = new byte[body.length + 1];
        System.arraycopy(body, 0, inserted, 0, at);
        inserted[at] = (byte) "%&=[]+\"{}:,\u00ff".charAt(random.nextInt(12));
        System.arraycopy(body, at, inserted, at + 1, body.length - at);
        return inserted;
      case 2:
        byte[] removed = new byte[body.length - 1];
        System.arraycopy(body, 0, removed, 0, at);
        System.arraycopy(body, at + 1, removed, at, body.length - at - 1);
        return removed;
      case 3:
        return java.util.Arrays.copyOf(body, at);
      default:
        byte[] doubled = new byte[body.length + at];
        System.arraycopy(body, 0, doubled, 0, body.length);
        System.arraycopy(body, 0, doubled, body.length, at);
        return doubled;
    }
  }

  static void forEachTry(int tries, java.util.function.Consumer<Random> property) {
    long seed = Long.getLong("copernica.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int i = 0; i < tries; i++) {
      try {
        property.accept(random);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed at try " + i + " with seed " + seed
            + " (rerun with -Dcopernica.seed=" + seed + "): " + e, e);
      }
    }
  }

  static String randomText(Random random, int minPieces) {
    StringBuilder text = new StringBuilder();
    int pieces = minPieces + random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  static String randomName(Random random) {
    return randomText(random, 1).replace("[", "(").replace("]", ")");
  }

  /** A generated event: the values the builder sends, and the expectations they imply. */
  private static final class Spec {
    String type;
    boolean subprofile;
    boolean asAction;
    long profile;
    long subprofileId;
    Long database;
    Long collection;
    LocalDateTime timestamp;
    Instant time;
    LocalDateTime created;
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    Set<String> interests = new LinkedHashSet<>();

    static Spec random(Random random) {
      Spec spec = new Spec();
      spec.type = new String[] {"create", "update", "delete"}[random.nextInt(3)];
      spec.subprofile = random.nextBoolean();
      spec.asAction = random.nextInt(4) == 0;
      spec.profile = random.nextBoolean() ? random.nextInt(1_000_000) : random.nextLong() & Long.MAX_VALUE;
      spec.subprofileId = random.nextInt(Integer.MAX_VALUE);
      spec.database = random.nextBoolean() ? (long) random.nextInt(100) : null;
      spec.collection = spec.subprofile && random.nextBoolean() ? (long) random.nextInt(100) : null;
      spec.timestamp = LocalDateTime.of(1970 + random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60));
      spec.time = random.nextBoolean() ? Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)) : null;
      spec.created = random.nextBoolean() ? spec.timestamp.minusDays(random.nextInt(1000)) : null;
      int fieldCount = random.nextInt(6);
      for (int i = 0; i < fieldCount; i++) {
        spec.fields.put(randomName(random), randomText(random, 0));
      }
      int parameterCount = random.nextInt(3);
      for (int i = 0; i < parameterCount; i++) {
        spec.parameters.put(randomName(random), randomText(random, 0));
      }
      int interestCount = spec.subprofile ? 0 : random.nextInt(4);
      for (int i = 0; i < interestCount; i++) {
        spec.interests.add(randomText(random, 1));
      }
      return spec;
    }

    WebhookBodyBuilder builder() {
      WebhookBodyBuilder builder = subprofile ? subprofileBuilder() : profileBuilder();
      builder.profile(profile).timestamp(timestamp);
      if (asAction) {
        builder.asAction();
      }
      if (database != null) {
        builder.database(database);
      }
      if (collection != null) {
        builder.collection(collection);
      }
      if (time != null) {
        builder.time(time);
      }
      if (created != null) {
        builder.created(created);
      }
      fields.forEach(builder::field);
      parameters.forEach(builder::parameter);
      interests.forEach(builder::interest);
      return builder;
    }

    private WebhookBodyBuilder profileBuilder() {
      return type.equals("create") ? WebhookBodies.profileCreated()
          : type.equals("update") ? WebhookBodies.profileUpdated() : WebhookBodies.profileDeleted();
    }

    private WebhookBodyBuilder subprofileBuilder() {
      WebhookBodyBuilder builder = type.equals("create") ? WebhookBodies.subprofileCreated()
          : type.equals("update") ? WebhookBodies.subprofileUpdated() : WebhookBodies.subprofileDeleted();
      return builder.subprofile(subprofileId);
    }

    void assertMatches(WebhookEvent event) {
      assertThat(event.type()).isEqualTo(type);
      assertThat(event.timestamp()).isEqualTo(timestamp);
      assertThat(event.instant())
          .isEqualTo(time != null ? time : timestamp.atZone(WebhookParser.DEFAULT_ZONE).toInstant());
      if (subprofile) {
        SubprofileEvent subprofileEvent = (SubprofileEvent) event;
        assertThat(subprofileEvent.subprofileId()).isEqualTo(subprofileId);
        assertThat(subprofileEvent.profileId()).isEqualTo(profile);
        assertThat(subprofileEvent.databaseId()).isEqualTo(optional(database));
        assertThat(subprofileEvent.collectionId()).isEqualTo(optional(collection));
        assertThat(subprofileEvent.fields().asMap()).containsExactlyEntriesOf(fields);
      } else {
        ProfileEvent profileEvent = (ProfileEvent) event;
        assertThat(profileEvent.profileId()).isEqualTo(profile);
        assertThat(profileEvent.databaseId()).isEqualTo(optional(database));
        assertThat(profileEvent.fields().asMap()).containsExactlyEntriesOf(fields);
      }
      assertKindSpecifics(event);
    }

    private void assertKindSpecifics(WebhookEvent event) {
      if (event instanceof ProfileUpdated) {
        ProfileUpdated updated = (ProfileUpdated) event;
        assertThat(updated.interests()).containsExactlyElementsOf(new ArrayList<>(interests));
        assertThat(updated.parameters().asMap()).containsExactlyEntriesOf(parameters);
        assertThat(updated.created().orElse(null)).isEqualTo(created);
      } else if (event instanceof ProfileCreated) {
        ProfileCreated createdEvent = (ProfileCreated) event;
        assertThat(createdEvent.interests()).containsExactlyElementsOf(new ArrayList<>(interests));
        assertThat(createdEvent.parameters().asMap()).containsExactlyEntriesOf(parameters);
      } else if (event instanceof SubprofileUpdated) {
        assertThat(((SubprofileUpdated) event).parameters().asMap()).containsExactlyEntriesOf(parameters);
      } else if (event instanceof SubprofileCreated) {
        assertThat(((SubprofileCreated) event).created().orElse(null)).isEqualTo(created);
      }
      String expectedClass = (subprofile ? "Subprofile" : "Profile")
          + Character.toUpperCase(type.charAt(0)) + type.substring(1) + "d";
      assertThat(event.getClass().getSimpleName()).isEqualTo(expectedClass);
    }

    private static OptionalLong optional(Long value) {
      return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
  }
}
