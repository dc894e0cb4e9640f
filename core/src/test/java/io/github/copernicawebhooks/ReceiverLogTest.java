package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.internal.LogLimiter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiverLogTest {

  @Test
  void describesProfileEventByTypeAndIds() {
    assertThat(ReceiverLog.describe(Events.profileUpdate(12))).isEqualTo("ProfileUpdated profile=12 database=1");
  }

  @Test
  void describesSubprofileEventByTypeAndIds() {
    assertThat(ReceiverLog.describe(Events.subprofileUpdate(7)))
        .isEqualTo("SubprofileUpdated subprofile=7 profile=3 collection=2 database=1");
  }

  @Test
  void keepsTheTypeOfAnUnknownEventOnOneShortLine() {
    String description = ReceiverLog.describe(Events.unknown("evil%0Aline" + "x".repeat(100)));

    assertThat(description).startsWith("UnknownEvent type=evil\\nline").doesNotContain("\n").hasSizeLessThan(100);
  }

  /** Method, target, content type (in the reason's message) and the peer, each with a line break and more. */
  @Test
  void escapesEveryValueTheClientControlsInARefusalLine() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> { }).build();
    WebhookRequest forged = WebhookRequest.builder()
        .method("POST")
        .target("/webhooks?x=1\r\nINFO: Refused webhook call forged\u001b[2J")
        .header("Content-Type", "text/plain\nSEVERE: forged\u0085\u202e")
        .remoteAddress("10.0.0.1\n")
        .body("x".getBytes(StandardCharsets.US_ASCII))
        .build();

    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      assertThat(receiver.receive(forged).status()).isEqualTo(415);

      assertThat(log.messages()).singleElement().satisfies(line -> assertThat(line)
          .doesNotContain("\n", "\r", "\u001b", "\u0085", "\u202e")
          .contains("POST /webhooks?x=1\\r\\nINFO: Refused webhook call forged\\u001b[2J")
          .contains("text/plain\\nSEVERE: forged\\u0085\\u202e")
          .contains("from 10.0.0.1\\n"));
    }
  }

  @Test
  void escapesTheMethodOfARefusedCall() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> { }).build();

    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      receiver.receive(WebhookRequest.builder().method("GET\nSEVERE:").target("/").build());

      assertThat(log.messages()).singleElement().asString()
          .startsWith("Refused webhook call GET\\nSEVERE: /: 405").doesNotContain("\n");
    }
  }

  /** A flood of one refusal reason writes a bounded number of lines per minute and receiver. */
  @Test
  void logsAtMostTheLimitOfRefusalsOfOneReasonPerMinute() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> { }).build();

    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      for (int call = 0; call < 50; call++) {
        receiver.receive(WebhookRequest.builder().method("PUT").target("/").build());
        receiver.receive(WebhookRequest.builder().method("POST").target("/").header("Content-Type", "text/x").build());
      }

      List<String> lines = log.messages();
      assertThat(lines).filteredOn(line -> line.contains("METHOD_NOT_ALLOWED"))
          .hasSize(LogLimiter.DEFAULT_LINES_PER_MINUTE);
      assertThat(lines).filteredOn(line -> line.contains("UNSUPPORTED_CONTENT_TYPE"))
          .hasSize(LogLimiter.DEFAULT_LINES_PER_MINUTE);
      assertThat(lines).hasSize(2 * LogLimiter.DEFAULT_LINES_PER_MINUTE);
    }
    WebhookReceiver another = WebhookReceiver.builder().signatureOff().listener(event -> { }).build();
    try (LogCapture log = LogCapture.of(WebhookReceiver.class)) {
      another.receive(WebhookRequest.builder().method("PUT").target("/").build());

      assertThat(log.messages()).as("each receiver has its own limit").hasSize(1);
    }
  }
}
