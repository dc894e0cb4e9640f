package io.github.copernicawebhooks;

import static io.github.copernicawebhooks.ParserPropertyTest.forEachTry;
import static io.github.copernicawebhooks.ParserPropertyTest.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.ComplaintReceived;
import io.github.copernicawebhooks.event.EmailBounced;
import io.github.copernicawebhooks.event.EmailClicked;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.EmailFailed;
import io.github.copernicawebhooks.event.EmailOpened;
import io.github.copernicawebhooks.event.Unsubscribed;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.testkit.EmailBodyBuilder;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the email events with a seeded {@link Random}, as {@link ParserPropertyTest} does for
 * the profile events. A failure names the seed; rerun it with {@code -Dcopernica.seed=<seed>}.
 */
class EmailEventPropertyTest {

  private static final String[] TYPES = {"click", "open", "delivery", "failure", "bounce", "unsubscribe", "complaint"};

  private final WebhookParser parser = WebhookParser.create();

  @Test
  void roundTripsGeneratedEmailEventsThroughFormJsonAndRaw() {
    forEachTry(2_000, random -> {
      EmailSpec spec = EmailSpec.random(random);
      WebhookEvent event = parser.parse(spec.builder().encode());

      spec.assertMatches(event);
      assertThat(parser.parse(spec.builder().encodeJson().getBytes(StandardCharsets.UTF_8),
          WebhookBodies.JSON_CONTENT_TYPE)).isEqualTo(event);
      assertThat(parser.parse(WebhookBodies.encode(event.raw()))).isEqualTo(event);
      assertThat(WebhookEvents.fromJson(WebhookEvents.toJson(event))).isEqualTo(event);
    });
  }

  @Test
  void mutatedEmailBodiesGiveAnEventOrAWebhookException() {
    forEachTry(3_000, random -> {
      EmailSpec spec = EmailSpec.random(random);
      boolean json = random.nextInt(4) == 0;
      byte[] body = (json ? spec.builder().encodeJson() : spec.builder().encode()).getBytes(StandardCharsets.UTF_8);
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        body = ParserPropertyTest.mutate(body, random);
      }
      try {
        WebhookEvent event = parser.parse(body, json ? WebhookBodies.JSON_CONTENT_TYPE : WebhookBodies.FORM_CONTENT_TYPE);
        assertThat(event.type()).isNotEmpty();
        assertThat(event.raw()).isNotEmpty();
      } catch (WebhookException expected) {
        assertThat(expected.reason()).isNotNull();
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }

  /** A generated email event: the values the builder sends, and the expectations they imply. */
  private static final class EmailSpec {
    String type;
    String messageId;
    LocalDateTime timestamp;
    Instant time;
    String recipient;
    List<String> tags = new ArrayList<>();
    Long profile;
    Long mailing;
    Long database;
    String first;
    String second;

    static EmailSpec random(Random random) {
      EmailSpec spec = new EmailSpec();
      spec.type = TYPES[random.nextInt(TYPES.length)];
      spec.messageId = randomText(random, 1);
      spec.timestamp = LocalDateTime.of(1970 + random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60));
      spec.time = random.nextBoolean() ? Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)) : null;
      spec.recipient = random.nextBoolean() ? randomText(random, 1) : null;
      int tagCount = random.nextInt(4);
      for (int i = 0; i < tagCount; i++) {
        spec.tags.add(randomText(random, 1).replace(",", ";"));
      }
      spec.profile = random.nextBoolean() ? random.nextLong() & Long.MAX_VALUE : null;
      spec.mailing = random.nextBoolean() ? (long) random.nextInt(100_000) : null;
      spec.database = spec.type.equals("unsubscribe") && random.nextBoolean() ? (long) random.nextInt(100) : null;
      spec.first = random.nextBoolean() ? randomText(random, 1) : null;
      spec.second = random.nextBoolean() ? randomText(random, 1) : null;
      return spec;
    }

    EmailBodyBuilder builder() {
      EmailBodyBuilder builder = WebhookBodies.emailEvent(type).messageId(messageId).timestamp(timestamp);
      if (time != null) {
        builder.time(time);
      }
      if (recipient != null) {
        builder.recipient(recipient);
      }
      if (!tags.isEmpty()) {
        builder.tags(tags.toArray(new String[0]));
      }
      if (profile != null) {
        builder.profile(profile);
      }
      if (mailing != null) {
        builder.mailing(mailing);
      }
      if (database != null) {
        builder.database(database);
      }
      setOwnValues(builder);
      return builder;
    }

    /** Two values of the type's own variables (none for a delivery). */
    private void setOwnValues(EmailBodyBuilder builder) {
      if (first != null) {
        switch (type) {
          case "click": builder.url(first); break;
          case "open": builder.ip(first); break;
          case "failure": builder.action(first); break;
          case "bounce": case "complaint": builder.mime(first); break;
          default: break;
        }
      }
      if (second != null) {
        switch (type) {
          case "click": case "open": builder.userAgent(second); break;
          case "failure": builder.description(second); break;
          case "bounce": builder.envelope(second); break;
          case "complaint": builder.emailFrom(second); break;
          default: break;
        }
      }
    }

    void assertMatches(WebhookEvent event) {
      EmailEvent email = (EmailEvent) event;
      assertThat(email.type()).isEqualTo(type);
      assertThat(email.messageId()).isEqualTo(messageId);
      assertThat(email.timestamp()).isEqualTo(timestamp);
      assertThat(email.instant())
          .isEqualTo(time != null ? time : timestamp.atZone(WebhookParser.DEFAULT_ZONE).toInstant());
      assertThat(email.recipient()).isEqualTo(Optional.ofNullable(recipient));
      assertThat(email.tags()).containsExactlyElementsOf(expectedTags());
      assertThat(email.profileId()).isEqualTo(optional(profile));
      assertThat(email.mailingId()).isEqualTo(optional(mailing));
      assertOwnValues(event);
    }

    private List<String> expectedTags() {
      Set<String> expected = new LinkedHashSet<>();
      for (String tag : tags) {
        if (!tag.strip().isEmpty()) {
          expected.add(tag.strip());
        }
      }
      return new ArrayList<>(expected);
    }

    private void assertOwnValues(WebhookEvent event) {
      Optional<String> first = Optional.ofNullable(this.first);
      Optional<String> second = Optional.ofNullable(this.second);
      if (event instanceof EmailClicked) {
        assertThat(((EmailClicked) event).url()).isEqualTo(first);
        assertThat(((EmailClicked) event).userAgent()).isEqualTo(second);
      } else if (event instanceof EmailOpened) {
        assertThat(((EmailOpened) event).ip()).isEqualTo(first);
        assertThat(((EmailOpened) event).userAgent()).isEqualTo(second);
      } else if (event instanceof EmailFailed) {
        assertThat(((EmailFailed) event).action()).isEqualTo(first);
        assertThat(((EmailFailed) event).description()).isEqualTo(second);
      } else if (event instanceof EmailBounced) {
        assertThat(((EmailBounced) event).mime()).isEqualTo(first);
        assertThat(((EmailBounced) event).envelope()).isEqualTo(second);
      } else if (event instanceof ComplaintReceived) {
        assertThat(((ComplaintReceived) event).mime()).isEqualTo(first);
        assertThat(((ComplaintReceived) event).emailFrom()).isEqualTo(second);
      } else if (event instanceof Unsubscribed) {
        assertThat(((Unsubscribed) event).databaseId()).isEqualTo(optional(database));
      }
      String expectedClass = new String[] {"EmailClicked", "EmailOpened", "EmailDelivered", "EmailFailed",
          "EmailBounced", "Unsubscribed", "ComplaintReceived"}[List.of(TYPES).indexOf(type)];
      assertThat(event.getClass().getSimpleName()).isEqualTo(expectedClass);
    }

    private static OptionalLong optional(Long value) {
      return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
  }
}
