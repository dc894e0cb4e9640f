package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookParserTest {

  private static final String EXAMPLE_UPDATE = "type=update&profile=123&database=1"
      + "&timestamp=1979-02-12+12%3A49%3A23&parameters%5Bmail%5D=johny%2Bnew%40example.com&fields%5Bname%5D=Johny"
      + "&fields%5Bmail%5D=johny%2Bnew%40example.com&interests%5B%5D=blue&created=1979-02-12+12%3A49%3A23"
      + "&modified=1979-02-12+12%3A49%3A23";

  @Test
  void parsesTheExampleUpdateBodyInThreeLines() {
    WebhookEvent event = WebhookParser.create().parse(EXAMPLE_UPDATE);
    ProfileUpdated update = (ProfileUpdated) event;
    assertThat(update.fields().get("mail")).contains("johny+new@example.com");

    assertThat(update.profileId()).isEqualTo(123);
    assertThat(update.interests()).containsExactly("blue");
  }

  @Test
  void hasNamedDefaultsAndWithers() {
    WebhookParser parser = WebhookParser.create();
    assertThat(parser.zone()).isEqualTo(ZoneId.of("Europe/Amsterdam")).isEqualTo(WebhookParser.DEFAULT_ZONE);
    assertThat(parser.limits()).isEqualTo(ParserLimits.DEFAULTS);
    assertThat(ParserLimits.DEFAULTS).isEqualTo(new ParserLimits(10_000, 8, 1024, 4L * 1024 * 1024));

    WebhookParser other = parser.withZone(ZoneOffset.UTC).withLimits(ParserLimits.DEFAULTS.withMaxDepth(3));
    assertThat(other.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(other.limits().maxDepth()).isEqualTo(3);
    assertThat(parser.zone()).isEqualTo(WebhookParser.DEFAULT_ZONE);
  }

  @Test
  void readsTimestampInTheConfiguredZoneUnlessTimeIsSent() {
    String body = "type=update&profile=1&timestamp=2026-07-01+12%3A00%3A00";

    assertThat(WebhookParser.create().parse(body).instant()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    assertThat(WebhookParser.create().withZone(ZoneId.of("America/New_York")).parse(body).instant())
        .isEqualTo(Instant.parse("2026-07-01T16:00:00Z"));
    assertThat(WebhookParser.create().parse(body + "&time=1000").instant()).isEqualTo(Instant.ofEpochSecond(1000));
    assertThat(WebhookParser.create().parse(body + "&time=1000").timestamp())
        .isEqualTo(LocalDateTime.of(2026, 7, 1, 12, 0));
  }

  @Test
  void givesEqualEventsForFormAndJsonBodies() {
    var builder = WebhookBodies.profileCreated().profile(4711).database(12).id(4711)
        .field("email", "jan@example.nl").field("naam", "Zoë de Vries").parameter("bron", "api")
        .interest("sport").interest("muziek").created(LocalDateTime.of(2024, 1, 2, 3, 4, 5));

    WebhookEvent fromForm = WebhookParser.create().parse(builder.encodeBytes(), "application/x-www-form-urlencoded");
    WebhookEvent fromJson = WebhookParser.create().parse(
        builder.encodeJson().getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(fromJson).isEqualTo(fromForm);
  }

  @Test
  void acceptsContentTypesCaseInsensitivelyWithUtf8Parameters() {
    byte[] body = EXAMPLE_UPDATE.getBytes(StandardCharsets.UTF_8);
    WebhookParser parser = WebhookParser.create();

    assertThat(parser.parse(body, "Application/X-WWW-Form-URLEncoded; charset=UTF-8")).isInstanceOf(ProfileUpdated.class);
    assertThat(parser.parse(body, " application/x-www-form-urlencoded ;charset=\"utf-8\"")).isInstanceOf(ProfileUpdated.class);
    assertThat(parser.parse("{\"type\":\"update\",\"profile\":1,\"timestamp\":\"2026-01-01 00:00:00\"}"
        .getBytes(StandardCharsets.UTF_8), "APPLICATION/JSON;charset=utf-8")).isInstanceOf(ProfileUpdated.class);
  }

  @Test
  void refusesAMissingContentTypeAsUnsupported() {
    assertThatThrownBy(() -> WebhookParser.create().parse(new byte[0], null))
        .isInstanceOfSatisfying(WebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_CONTENT_TYPE));
  }

  @Test
  void acceptsUnencodedUtf8InAStringBody() {
    ProfileUpdated update = (ProfileUpdated) WebhookParser.create()
        .parse("type=update&profile=1&timestamp=2026-01-01 00:00:00&fields[stad]=Zoë 's-Hertogenbosch");

    assertThat(update.fields().get("stad")).contains("Zoë 's-Hertogenbosch");
    assertThat(update.raw()).containsKey("fields[stad]");
  }

  @Test
  void parsesTheBenchmarkBodyWithTypeAndAction() throws IOException {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("WebhookParserTest/benchmark-small.form")) {
      body = in.readAllBytes();
    }
    ProfileUpdated update = (ProfileUpdated) WebhookParser.create().parse(body, "application/x-www-form-urlencoded");

    assertThat(update.profileId()).isEqualTo(4711);
    assertThat(update.databaseId()).hasValue(12);
    assertThat(update.fields().asMap()).containsExactly(
        java.util.Map.entry("firstname", "Jan"), java.util.Map.entry("lastname", "de Vries"),
        java.util.Map.entry("email", "jan@example.nl"), java.util.Map.entry("city", "'s-Hertogenbosch"));
    assertThat(update.interests()).containsExactly("sport", "muziek");
    assertThat(update.parameters().get("source")).contains("api");
    assertThat(update.raw().get("action")).containsExactly("update");
    assertThat(update.raw().get("id")).containsExactly("4711");
  }

  @Test
  void parsesABodyFromAStream() {
    WebhookEvent event = WebhookParser.create().parse(
        new ByteArrayInputStream(EXAMPLE_UPDATE.getBytes(StandardCharsets.UTF_8)), "application/x-www-form-urlencoded");

    assertThat(event).isEqualTo(WebhookParser.create().parse(EXAMPLE_UPDATE));
  }

  @Test
  void acceptsAStreamOfExactlyTheLimit() {
    byte[] body = EXAMPLE_UPDATE.getBytes(StandardCharsets.UTF_8);
    WebhookParser parser = WebhookParser.create().withLimits(ParserLimits.DEFAULTS.withMaxBodyBytes(body.length));

    assertThat(parser.parse(new ByteArrayInputStream(body), "application/x-www-form-urlencoded"))
        .isInstanceOf(ProfileUpdated.class);
  }

  @Test
  void refusesAStreamPastTheLimitWithoutReadingItAll() {
    CountingEndlessStream stream = new CountingEndlessStream();
    WebhookParser parser = WebhookParser.create().withLimits(ParserLimits.DEFAULTS.withMaxBodyBytes(1000));

    assertThatThrownBy(() -> parser.parse(stream, "application/x-www-form-urlencoded"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE))
        .hasMessageContaining("larger than 1000 bytes");
    assertThat(stream.read).isEqualTo(1001);
  }

  @Test
  void refusesAnUnreadableStreamAsMalformed() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };

    assertThatThrownBy(() -> WebhookParser.create().parse(broken, "application/x-www-form-urlencoded"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
        .hasMessageContaining("connection reset");
  }

  @Test
  void datesAnUnknownEventWithoutTimeByTheClock() {
    Clock clock = Clock.fixed(Instant.parse("2026-07-01T10:00:00Z"), ZoneOffset.UTC);

    UnknownEvent event = (UnknownEvent) WebhookParser.create().withClock(clock).parse("type=survey&time=x&timestamp=y");

    assertThat(event.instant()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    assertThat(event.timestamp()).isEqualTo(LocalDateTime.of(2026, 7, 1, 12, 0));
    assertThat(event.raw()).containsOnlyKeys("type", "time", "timestamp");
  }

  @Test
  void keepsEveryVariableOfAnUnknownTypeInOrder() {
    UnknownEvent event = (UnknownEvent) WebhookParser.create()
        .parse("type=sms&mime=From%3A+a%0D%0A&tags%5B%5D=x&tags%5B%5D=y&profile=not-a-number&timestamp=2026-01-01+00%3A00%3A00");

    assertThat(event.type()).isEqualTo("sms");
    assertThat(List.copyOf(event.raw().keySet())).containsExactly("type", "mime", "tags[]", "profile", "timestamp");
    assertThat(event.raw().get("mime")).containsExactly("From: a\r\n");
    assertThat(event.raw().get("tags[]")).containsExactly("x", "y");
  }

  @Test
  void givesImmutableEvents() {
    ProfileUpdated update = (ProfileUpdated) WebhookParser.create().parse(EXAMPLE_UPDATE);

    assertThatThrownBy(() -> update.raw().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> update.raw().get("type").add("y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> update.fields().asMap().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> update.interests().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void isEqualForEqualBodiesAndKeepsRawOrder() {
    WebhookEvent first = WebhookParser.create().parse(EXAMPLE_UPDATE);
    WebhookEvent second = WebhookParser.create().parse(EXAMPLE_UPDATE);

    assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    assertThat(first.toString()).contains("profileId=123", "fields[mail]=[johny+new@example.com]");
    assertThat(List.copyOf(first.raw().keySet())).containsExactly("type", "profile", "database", "timestamp",
        "parameters[mail]", "fields[name]", "fields[mail]", "interests[]", "created", "modified");
  }

  @Test
  void parsesTheSameNameTheSameWayUnderDifferentLimits() {
    String body = "type=update&profile=1&timestamp=2026-01-01+00%3A00%3A00&a%5Bb%5D%5Bc%5D%5Bd%5D=1";
    WebhookParser shallow = WebhookParser.create().withLimits(ParserLimits.DEFAULTS.withMaxDepth(2));

    assertThat(WebhookParser.create().parse(body).raw()).containsKey("a[b][c][d]");
    assertThatThrownBy(() -> shallow.parse(body))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    assertThat(WebhookParser.create().parse(body).raw()).containsKey("a[b][c][d]");
  }

  @Test
  void parsesABodyAtTheSizeLimit() {
    String prefix = "type=update&profile=1&timestamp=2026-01-01+00%3A00%3A00&fields%5Bmime%5D=";
    String body = prefix + "x".repeat((int) ParserLimits.DEFAULT_MAX_BODY_BYTES - prefix.length());

    ProfileUpdated update = (ProfileUpdated) WebhookParser.create().parse(body);

    assertThat(update.fields().get("mime").orElseThrow()).hasSize((int) ParserLimits.DEFAULT_MAX_BODY_BYTES - prefix.length());
    assertThatThrownBy(() -> WebhookParser.create().parse(body + "x"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
  }

  @Test
  void refusesOneVariableMoreThanTheLimit() {
    StringBuilder body = new StringBuilder("type=update&profile=1&timestamp=2026-01-01+00%3A00%3A00");
    for (int i = 4; i <= ParserLimits.DEFAULT_MAX_VARIABLES; i++) {
      body.append("&v").append(i).append('=');
    }
    assertThat(WebhookParser.create().parse(body.toString()).raw()).hasSize(ParserLimits.DEFAULT_MAX_VARIABLES);

    assertThatThrownBy(() -> WebhookParser.create().parse(body + "&one=more"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED))
        .hasMessageContaining("more than 10000 variables");
  }

  @Test
  void refusesDeeplyNestedJsonBeforeDescendingIntoIt() {
    String body = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

    assertThatThrownBy(() -> WebhookParser.create().parse(body.getBytes(StandardCharsets.UTF_8), "application/json"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED))
        .hasMessageContaining("nested deeper than 8 levels");
  }

  /** An endless stream of 'a' that counts what was read from it. */
  private static final class CountingEndlessStream extends InputStream {
    int read;

    @Override
    public int read() {
      read++;
      return 'a';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'a');
      read += length;
      return length;
    }
  }

  @Test
  void keepsTopLevelNamesWithMultiByteCharactersBeforeTheirBrackets() {
    String start = "type=update&profile=1&timestamp=2026-01-01+00%3A00%3A00&";
    WebhookParser parser = WebhookParser.create();

    assertThat(parser.parse(start + "é[]=x").raw()).containsEntry("é[]", List.of("x"));
    assertThat(parser.parse(start + "%C3%A9%5B%5D=x").raw()).containsEntry("é[]", List.of("x"));
    assertThat(parser.parse(start + "😀[]=x&😀[]=y").raw()).containsEntry("😀[]", List.of("x", "y"));
    assertThat(parser.parse(start + "xé[ab]=1").raw()).containsEntry("xé[ab]", List.of("1"));
  }

  @Test
  void parsesWhatTheBuilderEncodesForMultiByteNamesWithBrackets() {
    String body = WebhookBodies.profileUpdated().profile(1).variable("é[]", "x").variable("xé[ab]", "1").encode();

    assertThat(body).endsWith("&%C3%A9%5B%5D=x&x%C3%A9%5Bab%5D=1");
    assertThat(WebhookParser.create().parse(body).raw())
        .containsEntry("é[]", List.of("x"))
        .containsEntry("xé[ab]", List.of("1"));
  }

  @Test
  void refusesTextAfterTheBracketsOfAMultiByteNameAsMalformed() {
    assertThatThrownBy(() -> WebhookParser.create().parse("type=update&profile=1&é[a]é=x"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
        .hasMessageContaining("text after a closing bracket");
  }
}
