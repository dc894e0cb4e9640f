package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookDispatcher;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ComplaintReceived;
import io.github.copernicawebhooks.event.EmailBounced;
import io.github.copernicawebhooks.event.EmailClicked;
import io.github.copernicawebhooks.event.EmailDelivered;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.EmailFailed;
import io.github.copernicawebhooks.event.EmailOpened;
import io.github.copernicawebhooks.event.Unsubscribed;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One signed call of every email event type through {@code new CopernicaWebhookFilter(receiver)} on Tomcat. */
class TomcatEmailEventsFilterTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final List<String> CALLS = new CopyOnWriteArrayList<>();
  private static final List<EmailEvent> EVENTS = new CopyOnWriteArrayList<>();
  private static final int MEBIBYTE = 1024 * 1024;

  @TempDir static Path temporary;
  private static Tomcat tomcat;
  private static URI endpoint;
  private final CopernicaTestSender sender = new CopernicaTestSender(SIGNER,
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

  @BeforeAll
  static void startTomcat() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver()).build())
        .listener(WebhookDispatcher.builder()
            .on(EmailEvent.class, event -> EVENTS.add(event))
            .on(EmailClicked.class, click -> CALLS.add("clicked " + click.url().orElse("?")))
            .on(EmailOpened.class, open -> CALLS.add("opened " + open.ip().orElse("?")))
            .on(EmailDelivered.class, delivery -> CALLS.add("delivered " + delivery.messageId()))
            .on(EmailFailed.class, failure -> CALLS.add("failed " + failure.action().orElse("?")))
            .on(EmailBounced.class, bounce -> CALLS.add("bounced " + bounce.mime().orElse("").length()))
            .on(Unsubscribed.class, unsubscribe -> CALLS.add("unsubscribed " + unsubscribe.databaseId().orElse(-1)))
            .on(ComplaintReceived.class, complaint -> CALLS.add("complaint " + complaint.type()))
            .build())
        .build();
    tomcat = new Tomcat();
    tomcat.setBaseDir(temporary.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", temporary.toString());
    FilterDef filter = new FilterDef();
    filter.setFilterName("copernica-webhooks");
    filter.setFilter(new CopernicaWebhookFilter(receiver));
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("copernica-webhooks");
    mapping.addURLPattern("/webhooks/copernica");
    context.addFilterMap(mapping);
    Tomcat.addServlet(context, "fallback", new FallbackServlet());
    context.addServletMappingDecoded("/", "fallback");
    tomcat.start();
    endpoint = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/webhooks/copernica");
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @BeforeEach
  void forgetEarlierCalls() {
    CALLS.clear();
    EVENTS.clear();
  }

  @Test
  void dispatchesOneSignedEventOfEveryEmailType() throws Exception {
    assertHandled(WebhookBodies.emailClicked().url("https://example.nl/a?b=c").encode(), "clicked https://example.nl/a?b=c");
    assertHandled(WebhookBodies.emailOpened().ip("192.0.2.7").encode(), "opened 192.0.2.7");
    assertHandled(WebhookBodies.emailDelivered().messageId("d-1").encode(), "delivered d-1");
    assertHandled(WebhookBodies.emailFailed().action("delayed").encode(), "failed delayed");
    assertHandled(WebhookBodies.emailBounced().mime("From: x\r\n\r\nbody").encode(), "bounced 15");
    assertHandled(WebhookBodies.unsubscribed().database(12).encode(), "unsubscribed 12");
    assertHandled(WebhookBodies.emailEvent("abuse").withoutTimestamp().encode(), "complaint abuse");
    assertThat(EVENTS).hasSize(7);
  }

  @Test
  void receivesABounceWithAOneMebibyteMime() throws Exception {
    String mime = "x".repeat(MEBIBYTE - 2) + "\r\n";

    assertHandled(WebhookBodies.emailBounced().messageId("big").mime(mime).encode(), "bounced " + MEBIBYTE);
    assertThat(EVENTS).singleElement().isInstanceOfSatisfying(EmailBounced.class,
        bounce -> assertThat(bounce.mime()).contains(mime));
  }

  private void assertHandled(String body, String expectedCall) throws Exception {
    CALLS.clear();
    assertThat(sender.send(endpoint, body).statusCode()).as("status for %s", expectedCall).isEqualTo(200);
    assertThat(CALLS).containsExactly(expectedCall);
  }

  /** Stands in for the application's own servlets. */
  private static final class FallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setStatus(404);
      response.getWriter().write("fallback");
    }
  }
}
