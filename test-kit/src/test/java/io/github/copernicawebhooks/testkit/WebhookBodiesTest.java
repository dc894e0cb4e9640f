package io.github.copernicawebhooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileDeleted;
import io.github.copernicawebhooks.event.UnknownEvent;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookBodiesTest {

  private static final LocalDateTime DOCUMENTED = LocalDateTime.of(1979, 2, 12, 12, 49, 23);

  @Test
  void encodesTheDocumentedUpdateExactlyAsCopernicaSendsIt() {
    String body = WebhookBodies.profileUpdated().profile(123).database(1).timestamp(DOCUMENTED)
        .parameter("mail", "johny+new@example.com")
        .field("name", "Johny").field("mail", "johny+new@example.com")
        .interest("blue").created(DOCUMENTED).modified(DOCUMENTED)
        .encode();

    assertThat(body).isEqualTo("type=update&profile=123&database=1&timestamp=1979-02-12+12%3A49%3A23"
        + "&parameters%5Bmail%5D=johny%2Bnew%40example.com&fields%5Bname%5D=Johny"
        + "&fields%5Bmail%5D=johny%2Bnew%40example.com&interests%5B%5D=blue"
        + "&created=1979-02-12+12%3A49%3A23&modified=1979-02-12+12%3A49%3A23");
  }

  @Test
  void encodesLikePhpUrlencode() {
    String body = WebhookBodies.ofType("x").variable("v", "a b~*'().-_é😀").encode();

    assertThat(body).isEqualTo("type=x&timestamp=2026-01-15+10%3A30%3A00"
        + "&v=a+b%7E%2A%27%28%29.-_%C3%A9%F0%9F%98%80");
  }

  @Test
  void buildsEveryShapeOfInterests() {
    ProfileUpdated update = (ProfileUpdated) WebhookParser.create().parse(WebhookBodies.profileUpdated()
        .interest("a").interest("groep", "b").interestFlag("c", true).interestFlag("d", false).encode());

    assertThat(update.interests()).containsExactly("a", "b", "c");
    assertThat(List.copyOf(update.raw().keySet()))
        .containsExactly("type", "profile", "timestamp", "interests[]", "interests[groep][]", "interests[c]", "interests[d]");
  }

  @Test
  void sendsTheTypeAsActionWhenAsked() {
    String body = WebhookBodies.subprofileDeleted().subprofile(9).profile(8).asAction().encode();

    assertThat(body).startsWith("action=delete&subprofile=9&profile=8&");
    assertThat(WebhookParser.create().parse(body)).isInstanceOf(SubprofileDeleted.class);
  }

  @Test
  void writesTheDocumentedJsonShape() {
    String json = WebhookBodies.profileUpdated().profile(4711).database(12).field("email", "jan@example.nl")
        .interestFlag("blue", true).interestFlag("red", false).encodeJson();

    assertThat(json).isEqualTo("{\"type\":\"update\",\"profile\":4711,\"database\":12,"
        + "\"timestamp\":\"2026-01-15 10:30:00\",\"fields\":{\"email\":\"jan@example.nl\"},"
        + "\"interests\":{\"blue\":1,\"red\":0}}");
  }

  @Test
  void reencodesRawVariablesToAnEqualEvent() {
    UnknownEvent event = (UnknownEvent) WebhookParser.create().parse(WebhookBodies.ofType("survey")
        .variable("original", "https://example.nl/?a=1&b=2").variable("tags[]", "x").variable("tags[]", "y").encode());

    assertThat(WebhookParser.create().parse(WebhookBodies.encode(event.raw()))).isEqualTo(event);
  }
}
