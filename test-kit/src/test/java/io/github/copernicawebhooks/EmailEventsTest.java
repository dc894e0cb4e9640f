package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.ComplaintReceived;
import io.github.copernicawebhooks.event.EmailBounced;
import io.github.copernicawebhooks.event.EmailClicked;
import io.github.copernicawebhooks.event.EmailDelivered;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.EmailFailed;
import io.github.copernicawebhooks.event.EmailOpened;
import io.github.copernicawebhooks.event.Unsubscribed;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The email events beyond the fixtures: limits, errors, type names, dispatch and the examples. */
class EmailEventsTest {

  private static final int MEBIBYTE = 1024 * 1024;
  private final WebhookParser parser = WebhookParser.create();

  @Test
  void parsesABounceWithAOneMebibyteMimeFromFormAndJson() {
    String mime = bouncedMessage(MEBIBYTE);
    assertThat(mime.getBytes(StandardCharsets.UTF_8)).hasSize(MEBIBYTE);

    String form = WebhookBodies.emailBounced().messageId("b1").envelope("bounce@copernica.example").mime(mime).encode();
    EmailBounced fromForm = (EmailBounced) parser.parse(form);
    EmailBounced fromJson = (EmailBounced) parser.parse(
        WebhookBodies.emailBounced().messageId("b1").envelope("bounce@copernica.example").mime(mime).encodeJson()
            .getBytes(StandardCharsets.UTF_8), WebhookBodies.JSON_CONTENT_TYPE);

    assertThat(form.length()).isGreaterThan(MEBIBYTE);
    assertThat(fromForm.mime()).contains(mime);
    assertThat(fromForm.envelope()).contains("bounce@copernica.example");
    assertThat(fromJson).isEqualTo(fromForm);
  }

  @Test
  void refusesABounceLargerThanTheBodyLimit() {
    WebhookParser small = parser.withLimits(ParserLimits.DEFAULTS.withMaxBodyBytes(MEBIBYTE));
    String body = WebhookBodies.emailBounced().mime(bouncedMessage(MEBIBYTE)).encode();

    assertThatThrownBy(() -> small.parse(body))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
  }

  @Test
  void refusesAnEmailEventWithoutMessageId() {
    assertThatThrownBy(() -> parser.parse(WebhookBodies.emailOpened().withoutMessageId().encode()))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_VARIABLE))
        .hasMessageContaining("'id'");
  }

  @Test
  void refusesAnEmptyMessageId() {
    assertThatThrownBy(() -> parser.parse("type=delivery&id=&timestamp=2026-01-15+10%3A30%3A00"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARIABLE))
        .hasMessageContaining("'id'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"profile", "mailing", "database"})
  void refusesANonNumericIdNamingTheVariable(String name) {
    String body = WebhookBodies.unsubscribed().variable(name, "12a").encode();

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARIABLE))
        .hasMessageContaining("'" + name + "'");
  }

  @Test
  void refusesABrokenTimestampOrTimeOfAnEmailEvent() {
    assertThatThrownBy(() -> parser.parse("type=click&id=m1&timestamp=yesterday"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARIABLE))
        .hasMessageContaining("'timestamp'");
    assertThatThrownBy(() -> parser.parse("type=click&id=m1&timestamp=2026-01-15+10%3A30%3A00&time=soon"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARIABLE))
        .hasMessageContaining("'time'");
  }

  @Test
  void stillRefusesAProfileTypeWithADisagreeingAction() {
    assertThatThrownBy(() -> parser.parse("type=update&action=failed&profile=1&timestamp=2026-01-15+10%3A30%3A00"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARIABLE))
        .hasMessageContaining("disagree");
  }

  @Test
  void keepsTheFailuresOwnActionBesideItsType() {
    EmailFailed failed = (EmailFailed) parser.parse(WebhookBodies.emailFailed().action("failed").encode());

    assertThat(failed.type()).isEqualTo("failure");
    assertThat(failed.action()).contains("failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"complaint", "abuse", "Abuse", "COMPLAINT"})
  void readsComplaintsUnderBothNamesInAnyCase(String type) {
    WebhookEvent event = parser.parse(WebhookBodies.emailEvent(type).encode());

    assertThat(event).isInstanceOf(ComplaintReceived.class);
    assertThat(event.type()).isEqualTo(type);
  }

  @Test
  void readsEveryEmailTypeValue() {
    Map<String, Class<?>> expected = Map.of(
        "click", EmailClicked.class, "open", EmailOpened.class, "delivery", EmailDelivered.class,
        "failure", EmailFailed.class, "bounce", EmailBounced.class, "unsubscribe", Unsubscribed.class,
        "complaint", ComplaintReceived.class);

    expected.forEach((type, eventClass) ->
        assertThat(parser.parse(WebhookBodies.emailEvent(type).encode())).as(type).isInstanceOf(eventClass));
  }

  @Test
  void dispatchesTheEmailFamilyAndEachMember() throws Exception {
    List<String> calls = new ArrayList<>();
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(EmailEvent.class, event -> calls.add("email " + event.messageId()))
        .on(EmailFailed.class, failed -> calls.add("failed " + failed.code().orElse("?")))
        .build();

    dispatcher.onEvent(parser.parse(WebhookBodies.emailClicked().messageId("m1").encode()));
    dispatcher.onEvent(parser.parse(WebhookBodies.emailFailed().messageId("m2").code("550").encode()));
    dispatcher.onEvent(parser.parse(WebhookBodies.profileUpdated().encode()));

    assertThat(calls).containsExactly("email m1", "email m2", "failed 550");
    assertThat(dispatcher.handles(Unsubscribed.class)).isTrue();
  }

  @Test
  void givesOneExampleOfEveryEventTypeKeyedByItsClassName() {
    Map<String, String> examples = CopernicaTestSender.examples();

    assertThat(examples).containsKeys("EmailClicked", "EmailOpened", "EmailDelivered", "EmailFailed",
        "EmailBounced", "Unsubscribed", "ComplaintReceived", "ProfileUpdated", "UnknownEvent");
    examples.forEach((name, body) -> {
      WebhookEvent event = parser.parse(body);
      assertThat(event.getClass().getSimpleName()).as(body).isEqualTo(name);
      assertThat(WebhookEvents.fromJson(WebhookEvents.toJson(event))).isEqualTo(event);
    });
    EmailClicked click = (EmailClicked) parser.parse(examples.get("EmailClicked"));
    assertThat(click.tags()).containsExactly("nieuwsbrief", "november");
    assertThat(click.referer()).isEmpty();
    assertThat(click.url()).contains("https://shop.example.nl/sale?utm_source=nieuwsbrief");
  }

  @Test
  void readsTheEmailEventsAsTheReadmeShows() {
    WebhookEvent event = parser.parse("type=failure&id=msg-7f3b&timestamp=2026-11-28+10%3A15%3A00"
        + "&recipient=piet%40example.invalid&action=failed&state=rcpt&code=550&extended=5.1.1&tags=news%2Cnl");
    List<String> lines = new ArrayList<>();
    // README: email events
    if (event instanceof EmailClicked click) {
      lines.add(click.messageId() + " clicked " + click.url().orElse("?"));
    } else if (event instanceof EmailFailed failure) {
      String code = failure.extended().or(failure::code).orElse("?");  // 5.1.1
      lines.add(failure.messageId() + " failed for " + failure.recipient().orElse("?") + ": " + code);
    } else if (event instanceof EmailEvent email) {                    // open, delivery, bounce, ...
      lines.add(email.messageId() + " " + email.type() + " tags " + email.tags());
    }
    // end
    assertThat(lines).containsExactly("msg-7f3b failed for piet@example.invalid: 5.1.1");
  }

  @Test
  void describesAnEmailEventInTheLogByMessageAndIdsWithoutTheAddress() {
    WebhookEvent event = parser.parse(WebhookBodies.emailOpened().messageId("m-1").recipient("jan@example.nl")
        .profile(4711).mailing(3051).encode());

    assertThat(ReceiverLog.describe(event)).isEqualTo("EmailOpened message=m-1 profile=4711 mailing=3051");
    assertThat(ReceiverLog.describe(parser.parse("type=click&id=a%0Ab")))
        .isEqualTo("EmailClicked message=a\\nb");
  }

  @Test
  void encodesEmailBodiesInCopernicasOrderAsPhpDoes() {
    String body = WebhookBodies.emailFailed().messageId("m 1").time(Instant.ofEpochSecond(1768469405))
        .recipient("piet@example.invalid").action("failed").code("550").tags("a b", "c").profile(7).mailing(8)
        .variable("extra[x]", "é").encode();

    assertThat(body).isEqualTo("type=failure&id=m+1&timestamp=2026-01-15+10%3A30%3A00&time=1768469405"
        + "&recipient=piet%40example.invalid&action=failed&code=550&tags=a+b%2Cc&profile=7&mailing=8"
        + "&extra%5Bx%5D=%C3%A9");
    assertThat(WebhookBodies.emailFailed().withoutType().action("failed").withoutTimestamp().encodeJson())
        .isEqualTo("{\"id\":\"message-1\",\"action\":\"failed\"}");
  }

  /** A MIME message of exactly {@code size} ASCII bytes, with line breaks and characters that need escaping. */
  private static String bouncedMessage(int size) {
    StringBuilder mime = new StringBuilder(size);
    mime.append("From: MAILER-DAEMON@mx.example\r\nContent-Type: text/plain\r\n\r\n");
    String line = "Delivery to <piet@example.invalid> failed: 550 5.1.1 user unknown (100% sure) & gone.\r\n";
    while (mime.length() + line.length() <= size) {
      mime.append(line);
    }
    while (mime.length() < size) {
      mime.append('.');
    }
    return mime.toString();
  }
}
