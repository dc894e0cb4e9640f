package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Headers from {@link WebhookSigner#headersFor} on a real HTTP request, verified on a real server. */
class WebhookSignerHttpTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final byte[] BODY = "type=create&profile=7&database=1".getBytes(StandardCharsets.UTF_8);

  private final SignatureVerifier verifier =
      SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver()).build();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::verify);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void verify(HttpExchange exchange) throws IOException {
    WebhookRequest.Builder request = WebhookRequest.builder()
        .method(exchange.getRequestMethod())
        .target(exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
    try (InputStream body = exchange.getRequestBody()) {
      request.body(body.readAllBytes());
    }
    String outcome;
    try {
      verifier.verify(request.build());
      outcome = "verified";
    } catch (WebhookException e) {
      outcome = e.reason().name();
    }
    byte[] answer = outcome.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private String post(String target, byte[] body, String signedHost) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + target);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/x-www-form-urlencoded");
    SIGNER.headersFor("POST", target, signedHost, BODY).forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void signsARequestThatVerifiesAfterTravellingOverHttp() throws Exception {
    String host = "127.0.0.1:" + server.getAddress().getPort();

    assertThat(post("/hooks/copernica?x=%20y", BODY, host)).isEqualTo("verified");
  }

  @Test
  void aBodyChangedInTransitFailsItsDigest() throws Exception {
    String host = "127.0.0.1:" + server.getAddress().getPort();

    assertThat(post("/hooks/copernica", "type=delete&profile=7&database=1".getBytes(StandardCharsets.UTF_8), host))
        .isEqualTo("DIGEST_MISMATCH");
  }

  @Test
  void aHostOtherThanTheOneSentFailsTheSignature() throws Exception {
    assertThat(post("/hooks/copernica", BODY, "localhost")).isEqualTo("SIGNATURE_INVALID");
  }
}
