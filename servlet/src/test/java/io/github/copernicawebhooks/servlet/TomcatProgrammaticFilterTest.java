package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookDispatcher;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
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

/**
 * {@code new CopernicaWebhookFilter(receiver)} on an embedded Tomcat, with typed handlers. Tomcat runs filters
 * only for requests some servlet is mapped to, so a fallback servlet serves everything else.
 */
class TomcatProgrammaticFilterTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final List<Long> UPDATED_PROFILES = new CopyOnWriteArrayList<>();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path temporary;
  private static Tomcat tomcat;
  private static URI base;

  @BeforeAll
  static void startTomcat() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver()).build())
        .listener(WebhookDispatcher.builder()
            .on(ProfileUpdated.class, update -> UPDATED_PROFILES.add(update.profileId()))
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
    mapping.addURLPattern("/hooks/*");
    context.addFilterMap(mapping);
    Tomcat.addServlet(context, "fallback", new FallbackServlet());
    context.addServletMappingDecoded("/", "fallback");
    tomcat.start();
    base = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/");
  }

  @BeforeEach
  void forgetEarlierCalls() {
    UPDATED_PROFILES.clear();
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @Test
  void dispatchesSignedEventToTypedHandler() throws Exception {
    byte[] body = WebhookFilterContract.profileUpdate(31);
    HttpRequest.Builder request = post("/webhooks/copernica", body);
    SIGNER.headersFor("POST", "/webhooks/copernica", base.getHost() + ":" + base.getPort(), body)
        .forEach(request::header);

    HttpResponse<String> response = CLIENT.send(request.build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(UPDATED_PROFILES).containsOnlyOnce(31L).hasSize(1);
  }

  @Test
  void verifiesTheEncodedPathAndQueryAsReceived() throws Exception {
    String target = "/hooks/caf%C3%A9%20bar?next=a%2Fb&x=%7E";
    byte[] body = WebhookFilterContract.profileUpdate(34);
    HttpRequest.Builder request = post(target, body);
    SIGNER.headersFor("POST", target, base.getHost() + ":" + base.getPort(), body).forEach(request::header);

    HttpResponse<String> response = CLIENT.send(request.build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(UPDATED_PROFILES).containsOnlyOnce(34L).hasSize(1);
  }

  @Test
  void refusesUnsignedCallWithoutReachingTheFallbackServlet() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(post("/webhooks/copernica", WebhookFilterContract.profileUpdate(32)).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("signature verification failed");
    assertThat(UPDATED_PROFILES).isEmpty();
  }

  @Test
  void leavesPathsOutsideItsMappingToTheApplication() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(post("/somewhere/else", WebhookFilterContract.profileUpdate(33)).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("fallback");
    assertThat(UPDATED_PROFILES).isEmpty();
  }

  private static HttpRequest.Builder post(String target, byte[] body) {
    return HttpRequest.newBuilder(base.resolve(target))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofByteArray(body));
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
