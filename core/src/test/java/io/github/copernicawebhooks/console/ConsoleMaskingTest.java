package io.github.copernicawebhooks.console;

import static io.github.copernicawebhooks.console.ConsoleFixture.get;
import static io.github.copernicawebhooks.console.ConsoleFixture.json;
import static io.github.copernicawebhooks.console.ConsoleFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * With {@code mask-values} on, the console shows only what is known to be safe: ids, types, dates, tags and
 * codes. Every other variable is masked, and so is every value quoted in a message.
 */
class ConsoleMaskingTest {

  private static final WebhookSigner SIGNER = ConsoleFixture.SIGNER;
  private static final String CLICK = "type=click&id=msg-20261128-1&tags=spring%2Csale&mailing=55&profile=4711"
      + "&recipient=jo%40mail.example&ip=198.51.100.23&useragent=Mozilla%2F5.0+SecretBrowser"
      + "&referer=https%3A%2F%2Fintranet.example%2Fprivate-page"
      + "&original=https%3A%2F%2Fshop.example%2Forders%2F98765%3Fwho%3Djo"
      + "&timestamp=2026-11-28+08%3A00%3A00";

  private RecentCalls recent = RecentCalls.create();

  @Test
  void anEmailClickShowsItsIdsButNotItsAddressAgentRefererOrLink() {
    WebhookConsole console = afterReceiving(event -> { },
        signed(CLICK));

    String everything = everything(console);

    assertThat(everything).doesNotContain("198.51.100.23", "SecretBrowser", "private-page", "98765",
        "jo@mail.example", "jo%40mail.example");
    JsonNode detail = json(console.handle(get("/api/calls/m1")));
    assertThat(detail.get("event").get("ip").asString()).isEqualTo(Masking.MASK);
    assertThat(detail.get("event").get("userAgent").asString()).isEqualTo(Masking.MASK);
    assertThat(detail.get("event").get("referer").asString()).isEqualTo(Masking.MASK);
    assertThat(detail.get("event").get("url").asString()).isEqualTo(Masking.MASK);
    assertThat(detail.get("event").get("messageId").asString()).isEqualTo("msg-20261128-1");
    assertThat(detail.get("event").get("mailingId").asLong()).isEqualTo(55);
    assertThat(detail.get("event").get("tags").toString()).isEqualTo("[\"spring\",\"sale\"]");
    assertThat(detail.get("body").get("text").asString()).contains("id=msg-20261128-1", "ip=***", "useragent=***");
  }

  @Test
  void aVariableNotKnownToBeSafeIsMasked() {
    WebhookConsole console = afterReceiving(event -> { },
        signed("type=update&profile=4711&database=12&timestamp=2026-11-28+08%3A00%3A00"
        + "&note=call+back+after+six&interests%5B%5D=diabetes"));

    JsonNode detail = json(console.handle(get("/api/calls/m1")));

    assertThat(everything(console)).doesNotContain("call back after six", "call+back+after+six", "diabetes");
    assertThat(detail.get("event").get("profileId").asLong()).isEqualTo(4711);
    assertThat(detail.get("event").get("timestamp").asString()).isEqualTo("2026-11-28T08:00:00");
    assertThat(detail.get("body").get("text").asString()).contains("profile=4711", "database=12", "note=***");
  }

  @Test
  void aHandlerErrorQuotingAShortValueIsMaskedInItsMessageAndStackTrace() {
    WebhookConsole console = afterReceiving(event -> {
      String email = ((ProfileUpdated) event).fields().get("email").orElse("");
      String city = ((ProfileUpdated) event).fields().get("city").orElse("");
      throw new IllegalArgumentException("no mailbox " + email + " in " + city,
          new IllegalStateException("lookup of " + city + " failed"));
    },
        signed("type=update&profile=4711&timestamp=2026-11-28+08%3A00%3A00"
        + "&fields%5Bemail%5D=j%40x&fields%5Bcity%5D=Ede"));

    JsonNode attempt = json(console.handle(get("/api/calls/m1"))).get("attempts").get(0);

    assertThat(attempt.get("error").asString()).isEqualTo("java.lang.IllegalArgumentException: no mailbox *** in ***");
    assertThat(attempt.get("stackTrace").asString())
        .doesNotContain("j@x", "Ede")
        .contains("Caused by: java.lang.IllegalStateException: lookup of *** failed",
            "at io.github.copernicawebhooks.console.ConsoleMaskingTest");
  }

  @Test
  void aJacksonBindingMessageInAHandlerErrorIsMasked() {
    WebhookConsole console = afterReceiving(event -> ((ProfileUpdated) event).fields().as(Customer.class),
        signed("type=update&profile=4711&timestamp=2026-11-28+08%3A00%3A00&fields%5Bage%5D=xl"));

    JsonNode attempt = json(console.handle(get("/api/calls/m1"))).get("attempts").get(0);

    assertThat(attempt.get("error").asString()).startsWith("io.github.copernicawebhooks.WebhookException: ")
        .contains("Customer").doesNotContain("\"xl\"", "'xl'");
    assertThat(attempt.get("stackTrace").asString()).doesNotContain("\"xl\"");
  }

  @Test
  void aParserNoteQuotingPartOfAnUnreadableBodyIsMasked() {
    WebhookConsole console = afterReceiving(event -> { },
        signed("{\"type\":\"update\",\"profile\":4711,\"fields\":{\"email\":joanna}}", "application/json"));

    String everything = everything(console);

    assertThat(everything).doesNotContain("joanna");
    assertThat(json(console.handle(get("/api/calls/m1"))).get("variablesNote").asString())
        .startsWith("the body cannot be decoded: malformed JSON");
  }

  @Test
  void aHandlerErrorOfACallWhoseBodyWasCutShowsOnlyItsClasses() {
    recent = RecentCalls.builder().maxBodyBytes(40).build();
    WebhookConsole console = afterReceiving(event -> {
      throw new IllegalStateException("unknown city " + ((ProfileUpdated) event).fields().get("city").orElse(""));
    },
        signed("type=update&profile=4711&timestamp=2026-11-28+08%3A00%3A00&fields%5Bcity%5D=Hilversum"));

    JsonNode attempt = json(console.handle(get("/api/calls/m1"))).get("attempts").get(0);

    assertThat(everything(console)).doesNotContain("Hilversum");
    assertThat(attempt.get("error").asString()).isEqualTo("java.lang.IllegalStateException: ***");
    assertThat(attempt.get("stackTrace").asString()).startsWith("java.lang.IllegalStateException: ***")
        .contains("at io.github.copernicawebhooks.console.ConsoleMaskingTest");
  }

  /** What a handler binds the fields to. */
  record Customer(int age) {}

  /** Receives one call with a listener, and answers with a masking console over it. */
  private WebhookConsole afterReceiving(WebhookListener listener, WebhookRequest request) {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.resolver()).build())
        .listener(listener)
        .observer(recent)
        .build();
    receiver.receive(request);
    return WebhookConsole.builder(receiver).recentCalls(recent).maskValues(true).build();
  }

  private static WebhookRequest signed(String body) {
    return SIGNER.sign(ConsoleFixture.unsigned(body));
  }

  private static WebhookRequest signed(String body, String contentType) {
    return SIGNER.sign(WebhookRequest.builder().method("POST").target("/webhooks/copernica")
        .header("Host", "localhost:8080").header("Content-Type", contentType).remoteAddress("127.0.0.1")
        .body(body.getBytes(StandardCharsets.UTF_8)).build());
  }

  /** Every list, count and detail the console answers, as one text. */
  private static String everything(WebhookConsole console) {
    StringBuilder all = new StringBuilder(text(console.handle(get("/api/calls"))));
    all.append(text(console.handle(get("/api/counts"))));
    json(console.handle(get("/api/calls"))).get("calls")
        .forEach(call -> all.append(text(console.handle(get("/api/calls/" + call.get("id").asString())))));
    return all.toString();
  }
}
