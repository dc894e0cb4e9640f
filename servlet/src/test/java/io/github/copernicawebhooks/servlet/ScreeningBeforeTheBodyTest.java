package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import jakarta.servlet.DispatcherType;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls whose headers show they cannot be genuine are refused before their body is read or memory is set
 * aside for it, over real Jetty and raw sockets: the head is sent, the declared 4 MiB body never is.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScreeningBeforeTheBodyTest {

  private static final int DECLARED = 4 * 1024 * 1024;
  private static final int ANSWER_MILLIS = 5_000;
  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final WebhookSigner OTHER_KEY = WebhookSigner.generate();

  private final List<Object> handled = new CopyOnWriteArrayList<>();
  private final List<Socket> stalled = new ArrayList<>();
  private Server server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver()).build())
        .listener(handled::add)
        .build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    // Room for one declared body at a time: a stalled upload that got a reservation would block the rest.
    context.addFilter(new FilterHolder(new CopernicaWebhookFilter(receiver, DECLARED)), "/webhooks",
        EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : stalled) {
      socket.close();
    }
    server.stop();
  }

  @Test
  void refusesAnUnsignedHeadWithoutWaitingForItsBody() throws Exception {
    assertThat(statusOfHeadOnly(Map.of())).isEqualTo(401);
  }

  @Test
  void refusesAHeadSignedWithAnotherKeyWithoutWaitingForItsBody() throws Exception {
    assertThat(statusOfHeadOnly(signedHeaders(OTHER_KEY))).isEqualTo(401);
  }

  @Test
  void refusesAHeadOfAnotherAccountWithoutWaitingForItsBody() throws Exception {
    assertThat(statusOfHeadOnly(signedHeaders(SIGNER.withAccountId("account_9999")))).isEqualTo(401);
  }

  @Test
  void forgedUploadsThatNeverSendTheirBodyDoNotHoldUpAGenuineCall() throws Exception {
    for (int i = 0; i < 4; i++) {
      stalled.add(openHeadOnly(signedHeaders(OTHER_KEY)));
    }
    String body = HostileRequests.validBody(17);
    HttpRequest.Builder genuine = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks"))
        .timeout(Duration.ofSeconds(20))
        .POST(BodyPublishers.ofString(body));
    SIGNER.headersFor("POST", "/webhooks", "127.0.0.1:" + port, body.getBytes(StandardCharsets.UTF_8))
        .forEach(genuine::header);
    genuine.header("Content-Type", "application/x-www-form-urlencoded");

    long started = System.nanoTime();
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(genuine.build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(handled).hasSize(1);
    for (Socket socket : stalled) {
      assertThat(RawHttp.status(socket.getInputStream())).isEqualTo(401);
    }
  }

  /** The Digest, Date, X-Copernica-ID, X-Nonce and Signature a signer would send with a 4 MiB body. */
  private Map<String, String> signedHeaders(WebhookSigner signer) {
    return signer.headersFor("POST", "/webhooks", "127.0.0.1:" + port, new byte[DECLARED]);
  }

  /** Sends the head of a 4 MiB call and none of its body; the status, or {@link RawHttp#NO_ANSWER}. */
  private int statusOfHeadOnly(Map<String, String> headers) throws Exception {
    try (Socket socket = openHeadOnly(headers)) {
      return RawHttp.status(socket.getInputStream());
    } catch (java.net.SocketTimeoutException hang) {
      return RawHttp.NO_ANSWER;
    }
  }

  private Socket openHeadOnly(Map<String, String> headers) throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), ANSWER_MILLIS);
    socket.setSoTimeout(ANSWER_MILLIS);
    StringBuilder head = new StringBuilder("POST /webhooks HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Content-Type: application/x-www-form-urlencoded\r\n")
        .append("Content-Length: ").append(DECLARED).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    OutputStream out = socket.getOutputStream();
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return socket;
  }
}
