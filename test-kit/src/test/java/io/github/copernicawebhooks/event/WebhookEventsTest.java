package io.github.copernicawebhooks.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookEventsTest {

  static Stream<String> bodies() {
    return Stream.of(
        WebhookBodies.profileCreated().profile(1).database(2).field("a", "b").interest("x").parameter("p", "q")
            .created(LocalDateTime.of(2020, 1, 1, 0, 0)).encode(),
        WebhookBodies.profileUpdated().profile(3).time(Instant.ofEpochSecond(1_700_000_000)).interest("g", "y").encode(),
        WebhookBodies.profileDeleted().profile(4).field("e", "").encode(),
        WebhookBodies.subprofileCreated().subprofile(5).profile(6).collection(7).field("f", "ë").encode(),
        WebhookBodies.subprofileUpdated().subprofile(8).profile(9).database(10).parameter("k", "v").encode(),
        WebhookBodies.subprofileDeleted().subprofile(11).profile(12).encode(),
        WebhookBodies.emailClicked().messageId("m1").recipient("a@example.nl").url("https://example.nl/?a=1&b=2")
            .userAgent("Mozilla/5.0").tags("x", "y").profile(13).mailing(14).time(Instant.ofEpochSecond(1_700_000_000))
            .encode(),
        WebhookBodies.emailOpened().messageId("m2").ip("192.0.2.1").referer("https://mail.example/").encode(),
        WebhookBodies.emailDelivered().messageId("m3").recipient("a@example.nl").tags("t").encode(),
        WebhookBodies.emailFailed().messageId("m4").action("failed").state("rcpt").code("550").extended("5.1.1")
            .description("no such user").encode(),
        WebhookBodies.emailBounced().messageId("m5").envelope("b@example.nl").mime("From: x\r\n\r\nbody").encode(),
        WebhookBodies.unsubscribed().messageId("m6").database(12).profile(4711).mailing(3051).encode(),
        WebhookBodies.complaintReceived().messageId("m7").withoutTimestamp().emailFrom("fbl@isp.example").encode(),
        WebhookBodies.ofType("survey").variable("id", "m1").variable("tags[]", "a").variable("tags[]", "b").encode());
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void roundTripsEveryEventTypeThroughJson(String body) {
    WebhookEvent event = WebhookParser.create().parse(body);

    String json = WebhookEvents.toJson(event);

    assertThat(json).startsWith("{\"event\":\"" + event.getClass().getSimpleName() + "\",\"type\":");
    assertThat(WebhookEvents.fromJson(json)).isEqualTo(event);
  }

  @Test
  void writesAbsentValuesAsNullAndTimesAsIsoText() {
    WebhookEvent event = WebhookParser.create()
        .parse("type=delete&subprofile=2&profile=1&timestamp=2026-07-01+12%3A00%3A00");

    assertThat(WebhookEvents.toJson(event)).isEqualTo("{\"event\":\"SubprofileDeleted\",\"type\":\"delete\","
        + "\"subprofileId\":2,\"profileId\":1,\"databaseId\":null,\"collectionId\":null,\"fields\":{},"
        + "\"timestamp\":\"2026-07-01T12:00:00\",\"instant\":\"2026-07-01T10:00:00Z\","
        + "\"raw\":{\"type\":[\"delete\"],\"subprofile\":[\"2\"],\"profile\":[\"1\"],\"timestamp\":[\"2026-07-01 12:00:00\"]}}");
  }

  @Test
  void refusesJsonThatIsNoEvent() {
    assertThatThrownBy(() -> WebhookEvents.fromJson("{\"event\":\"Nonsense\"}"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    assertThatThrownBy(() -> WebhookEvents.fromJson("{\"event\":\"UnknownEvent\",\"type\":\"x\"}"))
        .isInstanceOf(WebhookException.class);
  }

  @Test
  void copiesTheCollectionsItIsGiven() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("type", new ArrayList<>(List.of("update")));
    List<String> interests = new ArrayList<>(List.of("sport"));
    ProfileUpdated event = new ProfileUpdated("update", 1, OptionalLong.empty(), Variables.empty(), Variables.empty(),
        interests, LocalDateTime.of(2026, 1, 1, 0, 0), Instant.EPOCH, Optional.empty(), Optional.empty(), raw);

    raw.get("type").add("changed");
    raw.put("other", List.of("x"));
    interests.add("changed");

    assertThat(event.raw()).containsExactly(Map.entry("type", List.of("update")));
    assertThat(event.interests()).containsExactly("sport");
  }

  @Test
  void refusesNullComponents() {
    assertThatThrownBy(() -> new UnknownEvent("x", null, Instant.EPOCH, Map.of()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("timestamp");
  }
}
