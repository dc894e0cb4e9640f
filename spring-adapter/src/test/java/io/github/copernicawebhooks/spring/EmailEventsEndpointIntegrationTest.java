package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.ComplaintReceived;
import io.github.copernicawebhooks.event.EmailBounced;
import io.github.copernicawebhooks.event.EmailClicked;
import io.github.copernicawebhooks.event.EmailDelivered;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.EmailFailed;
import io.github.copernicawebhooks.event.EmailOpened;
import io.github.copernicawebhooks.event.Unsubscribed;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One signed call of every email event type to the auto-configured endpoint on a real embedded Tomcat. */
@SpringBootTest(
    classes = EmailEventsEndpointIntegrationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID)
class EmailEventsEndpointIntegrationTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  @LocalServerPort
  private int port;

  @Autowired
  private Calls calls;

  @DynamicPropertySource
  static void trustTheTestSigner(DynamicPropertyRegistry registry) throws IOException {
    Path pem = Files.createTempFile("copernica-test-key", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    registry.add("copernica.webhooks.signature.public-key", () -> pem.toUri().toString());
  }

  @BeforeEach
  void forgetEarlierCalls() {
    calls.list.clear();
    calls.events.clear();
  }

  @Test
  void deliversOneSignedEventOfEveryEmailTypeToItsMethodsInOrder() throws Exception {
    assertDelivered(WebhookBodies.emailClicked().messageId("m1").url("https://example.nl/").encode(), "email", "clicked", "all");
    assertDelivered(WebhookBodies.emailOpened().messageId("m2").encode(), "email", "opened", "all");
    assertDelivered(WebhookBodies.emailDelivered().messageId("m3").encode(), "email", "delivered", "all");
    assertDelivered(WebhookBodies.emailFailed().messageId("m4").action("failed").code("550").encode(),
        "email", "failed", "all");
    assertDelivered(WebhookBodies.emailBounced().messageId("m5").mime("From: x\r\n\r\nbounced").encode(),
        "email", "bounced", "all");
    assertDelivered(WebhookBodies.unsubscribed().messageId("m6").database(12).profile(4711).encode(),
        "email", "unsubscribed", "unsubscribedFrom12", "all");
    assertDelivered(WebhookBodies.emailEvent("abuse").messageId("m7").withoutTimestamp().encode(),
        "email", "complaint", "all");
  }

  @Test
  void handsTheHandlerTheParsedEmailValues() throws Exception {
    String body = WebhookBodies.emailFailed().messageId("m4").recipient("piet@example.invalid").action("failed")
        .state("rcpt").code("550").extended("5.1.1").description("no such user").tags("news", "nl").mailing(3051)
        .encode();

    assertThat(send(body).statusCode()).isEqualTo(200);

    assertThat(calls.events).first().isInstanceOfSatisfying(EmailFailed.class, failed -> {
      assertThat(failed.messageId()).isEqualTo("m4");
      assertThat(failed.recipient()).contains("piet@example.invalid");
      assertThat(failed.action()).contains("failed");
      assertThat(failed.extended()).contains("5.1.1");
      assertThat(failed.tags()).containsExactly("news", "nl");
      assertThat(failed.mailingId()).hasValue(3051);
    });
  }

  private void assertDelivered(String body, String... expectedCalls) throws Exception {
    calls.list.clear();
    HttpResponse<String> response = send(body);
    assertThat(response.statusCode()).as("status for %s", body).isEqualTo(200);
    assertThat(calls.list).as("handlers for %s", body).containsExactly(expectedCalls);
  }

  private HttpResponse<String> send(String body) throws Exception {
    return new CopernicaTestSender(SIGNER).send(URI.create("http://localhost:" + port + "/webhooks/copernica"), body);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Calls.class, EmailHandlers.class})
  static class App {}

  static final class Calls {
    final List<String> list = new CopyOnWriteArrayList<>();
    final List<WebhookEvent> events = new CopyOnWriteArrayList<>();

    void add(String call, WebhookEvent event) {
      list.add(call);
      events.add(event);
    }
  }

  static class EmailHandlers {
    private final Calls calls;

    EmailHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(1)
    void email(EmailEvent event) {
      calls.add("email", event);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void clicked(EmailClicked click) {
      calls.add("clicked", click);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void opened(EmailOpened open) {
      calls.add("opened", open);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void delivered(EmailDelivered delivery) {
      calls.add("delivered", delivery);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void failed(EmailFailed failure) {
      calls.add("failed", failure);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void bounced(EmailBounced bounce) {
      calls.add("bounced", bounce);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void unsubscribed(Unsubscribed unsubscribe) {
      calls.add("unsubscribed", unsubscribe);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void complaint(ComplaintReceived complaint) {
      calls.add("complaint", complaint);
    }

    @CopernicaWebhookHandler(database = 12)
    @Order(3)
    void unsubscribedFrom12(Unsubscribed unsubscribe) {
      calls.add("unsubscribedFrom12", unsubscribe);
    }

    @CopernicaWebhookHandler
    @Order(100)
    void all(WebhookEvent event) {
      calls.add("all", event);
    }
  }
}
