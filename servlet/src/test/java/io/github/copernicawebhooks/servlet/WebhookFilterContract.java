package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.build.ThreadAllocations;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP contract of the filter, one test per row, run against each real container by a subclass. The
 * test web application ({@code webapps/receiver/WEB-INF/web.xml}) maps four filters: verified with a
 * pinned key, verified with default settings, verified with the application's own stores and short body
 * limits, and with verification off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class WebhookFilterContract {

  static final String VERIFIED = "/webhooks/copernica";
  static final String DEFAULTS = "/webhooks/defaults";
  static final String UNSIGNED = "/webhooks/unsigned";
  static final String SHARED = "/webhooks/shared";
  static final String FORM = "application/x-www-form-urlencoded";
  static final int MAX_BODY_BYTES = 1024 * 1024;
  static final String VERIFICATION_FAILED = "signature verification failed";

  private final WebhookSigner signer = WebhookSigner.generate("account_1234");
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  @TempDir static Path temporary;
  private TestServer server;

  /** Deploys the web application directory on a fresh container. */
  abstract TestServer deploy(Path webapp) throws Exception;

  /** Deploys a web application that must fail to start, asserts that it failed, and returns the error text. */
  abstract String failedDeploymentError(Path webapp) throws Exception;

  @BeforeAll
  void deployReceiver() throws Exception {
    Path publicKey = temporary.resolve("copernica-public-key.pem");
    Files.writeString(publicKey, signer.publicKeyPem(), StandardCharsets.US_ASCII);
    server = deploy(Webapps.copy("receiver", temporary, Map.of("@PUBLIC_KEY_FILE@", publicKey.toString())));
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void forgetEvents() {
    RecordingListener.clear();
  }

  @Test
  void handlesSignedEventWith200() throws Exception {
    HttpResponse<String> response = send(signedPost(VERIFIED, FORM, profileUpdate(4711)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type.toLowerCase()).startsWith("text/plain").contains("charset=utf-8"));
    assertThat(RecordingListener.events()).singleElement().isInstanceOfSatisfying(ProfileUpdated.class, event -> {
      assertThat(event.profileId()).isEqualTo(4711);
      assertThat(event.fields().get("email")).hasValue("p4711@example.com");
    });
  }

  @Test
  void handlesSignedJsonEvent() throws Exception {
    byte[] body = "{\"type\":\"update\",\"profile\":88,\"database\":1,\"timestamp\":\"2026-11-28 08:00:00\"}"
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = send(signedPost(VERIFIED, "application/json; charset=UTF-8", body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RecordingListener.events()).singleElement()
        .satisfies(event -> assertThat(profileId(event)).isEqualTo(88));
  }

  @Test
  void verifiesTheRawRequestTargetIncludingTheQuery() throws Exception {
    HttpResponse<String> response = send(signedPost(VERIFIED + "?source=copernica&path=a%2Fb%20c", FORM, profileUpdate(7)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RecordingListener.events()).hasSize(1);
  }

  @Test
  void refusesUnsignedCallWith401UnderDefaultConfiguration() throws Exception {
    HttpResponse<String> response = send(post(DEFAULTS, FORM, profileUpdate(1)).build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(VERIFICATION_FAILED);
    assertThat(RecordingListener.events()).isEmpty();
  }

  @Test
  void refusesCallSignedWithAnotherKeyWith401() throws Exception {
    WebhookSigner stranger = WebhookSigner.generate("account_1234");

    HttpResponse<String> response = send(signedPost(stranger, VERIFIED, FORM, profileUpdate(2)));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(VERIFICATION_FAILED);
    assertThat(RecordingListener.events()).isEmpty();
  }

  @Test
  void acceptsUnsignedCallWhenSignatureIsOff() throws Exception {
    HttpResponse<String> response = send(post(UNSIGNED, FORM, profileUpdate(3)).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RecordingListener.events()).singleElement()
        .satisfies(event -> assertThat(((ProfileEvent) event).profileId()).isEqualTo(3));
  }

  @Test
  void refusesGetWith405AndAllowPost() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(VERIFIED)).GET().build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().allValues("Allow")).containsExactly("POST");
  }

  @Test
  void refusesTextPlainWith415() throws Exception {
    HttpResponse<String> response = send(signedPost(VERIFIED, "text/plain", profileUpdate(4)));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(RecordingListener.events()).isEmpty();
  }

  /**
   * Sends only the head of a call that declares a 10 MiB body: the answer must come without the server
   * waiting for, reading or buffering the body. (A client that keeps writing the body races the server's
   * close of the connection, which is why this test speaks HTTP over a plain socket.)
   */
  @Test
  void refusesDeclaredOversizeBodyWith413BeforeReadingIt() throws Exception {
    long declared = 10L * 1024 * 1024;
    ThreadAllocations serverThreads = ThreadAllocations.start(server::isServerThread);

    String response = exchange(VERIFIED, "Content-Length: " + declared, out -> { });

    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response.toLowerCase(Locale.ROOT)).contains("connection: close");
    assertThat(serverThreads.allocatedBytes()).isLessThan(declared / 4);
    assertThat(RecordingListener.events()).isEmpty();
  }

  /** Sends a POST head with one framing header, then what {@code body} writes, and reads the answer's head. */
  private String exchange(String target, String framing, BodyWriter body) throws IOException {
    URI base = server.base();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String head = "POST " + target + " HTTP/1.1\r\n"
          + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + "Content-Type: " + FORM + "\r\n"
          + framing + "\r\n"
          + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      body.writeTo(out);
      out.flush();
      byte[] answer = new byte[4096];
      int length = 0;
      int read;
      while (length < answer.length && (read = socket.getInputStream().read(answer, length, answer.length - length)) > 0) {
        length += read;
        if (new String(answer, 0, length, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          break;
        }
      }
      return new String(answer, 0, length, StandardCharsets.ISO_8859_1);
    }
  }

  /** Writes (part of) a request body to a socket. */
  @FunctionalInterface
  private interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }


  /**
   * Streams a chunked body one byte over the limit and stops there: the server must answer 413 having
   * counted the bytes as they came, without the rest of the body or a declared length.
   */
  @Test
  void refusesChunkedOversizeBodyWith413AfterReadingAtMostTheLimit() throws Exception {
    ThreadAllocations serverThreads = ThreadAllocations.start(server::isServerThread);

    byte[] oversize = new byte[MAX_BODY_BYTES + 1];
    Arrays.fill(oversize, (byte) 'a');
    URI base = server.base();
    StringBuilder framing = new StringBuilder("Transfer-Encoding: chunked");
    // signed, so that its head passes screening and the size is what refuses it
    signer.headersFor("POST", VERIFIED, base.getHost() + ":" + base.getPort(), oversize)
        .forEach((name, value) -> framing.append("\r\n").append(name).append(": ").append(value));
    String response = exchange(VERIFIED, framing.toString(), out -> {
      int chunk = MAX_BODY_BYTES + 1;
      out.write((Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] block = new byte[64 * 1024];
      Arrays.fill(block, (byte) 'a');
      for (int written = 0; written < chunk; written += block.length) {
        out.write(block, 0, Math.min(block.length, chunk - written));
      }
    });

    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(serverThreads.allocatedBytes()).isLessThan(4L * MAX_BODY_BYTES);
    assertThat(RecordingListener.events()).isEmpty();
  }

  @Test
  void refusesMalformedBodyWith400NamingTheProblem() throws Exception {
    byte[] body = "type=update&profile=12ab&database=1&timestamp=2026-11-28+08%3A00%3A00"
        .getBytes(StandardCharsets.US_ASCII);

    HttpResponse<String> response = send(signedPost(VERIFIED, FORM, body));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("profile");
    assertThat(RecordingListener.events()).isEmpty();
  }

  @Test
  void answers500WhenHandlerThrowsAndNeverEchoesTheException() throws Exception {
    HttpResponse<String> response = send(signedPost(VERIFIED, FORM, profileUpdate(RecordingListener.FAILING_PROFILE)));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain(RecordingListener.FAILURE_DETAIL).doesNotContain("Exception");
  }

  @Test
  void refusesExactReplayOfSignedCallWith401() throws Exception {
    HttpRequest request = signedPost(VERIFIED, FORM, profileUpdate(5));

    HttpResponse<String> first = send(request);
    HttpResponse<String> replay = send(request);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).isEqualTo(VERIFICATION_FAILED);
    assertThat(RecordingListener.events()).hasSize(1);
  }

  @Test
  void losesNoEventFrom200ConcurrentClients() throws Exception {
    int clients = 200;
    int eventsPerClient = 25;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Integer>>> results = new ArrayList<>();
    try {
      for (int clientNumber = 0; clientNumber < clients; clientNumber++) {
        long firstProfile = 100_000L + (long) clientNumber * eventsPerClient;
        results.add(pool.submit(() -> sendEvents(firstProfile, eventsPerClient)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<List<Integer>> result : results) {
        statuses.addAll(result.get());
      }
      assertThat(statuses).hasSize(clients * eventsPerClient).containsOnly(200);
    } finally {
      pool.shutdownNow();
    }
    Map<Long, Long> deliveries = RecordingListener.events().stream()
        .collect(Collectors.groupingBy(WebhookFilterContract::profileId, Collectors.counting()));
    assertThat(deliveries.keySet())
        .containsExactlyInAnyOrderElementsOf(LongStream.range(100_000, 100_000 + clients * eventsPerClient).boxed()
            .collect(Collectors.toList()));
    assertThat(deliveries.values()).containsOnly(1L);
  }

  /** The replay guard and de-duplicator that web.xml names by class are the ones asked. */
  @Test
  void usesTheReplayGuardAndTheDeduplicatorThatWebXmlNames() throws Exception {
    SharedReplayGuard.TOKENS.clear();
    SharedDeduplicator.CLAIMED.clear();
    byte[] body = profileUpdate(21);
    HttpRequest first = signedPost(SHARED, FORM, body);

    HttpResponse<String> accepted = send(first);
    HttpResponse<String> replayed = send(first);
    HttpResponse<String> resent = send(signedPost(SHARED, FORM, body));

    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(SharedReplayGuard.TOKENS).as("tokens the named guard recorded").hasSize(2)
        .contains("nonce " + first.headers().firstValue("X-Nonce").orElseThrow());
    assertThat(resent.statusCode()).isEqualTo(200);
    assertThat(resent.body()).isEqualTo("ok, already handled");
    assertThat(SharedDeduplicator.CLAIMED).singleElement().asString().hasSize(64);
    assertThat(RecordingListener.events()).hasSize(1);
  }

  /**
   * The filter of {@code /webhooks/shared} is declared async-supported in web.xml, with a body timeout of
   * two seconds: an upload that stalls after its head ends with 408 then, although it sends nothing more.
   */
  @Test
  void endsAStalledUploadAtTheBodyTimeoutOfWebXml() throws Exception {
    byte[] body = new byte[100_000];
    java.util.Arrays.fill(body, (byte) 't');
    URI uri = uri(SHARED);
    StringBuilder framing = new StringBuilder("Content-Length: " + body.length);
    signer.headersFor("POST", SHARED, uri.getHost() + ":" + uri.getPort(), body)
        .forEach((name, value) -> framing.append("\r\n").append(name).append(": ").append(value));
    long start = System.nanoTime();
    String response = exchange(SHARED, framing.toString(), out -> out.write(body, 0, 1));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response).startsWith("HTTP/1.1 408");
    assertThat(millis).isBetween(1_900L, 2_000L + 3_000L);
  }

  @Test
  void failsDeploymentNamingTheWrongReplayGuardClass() throws Exception {
    String error = failedDeploymentError(Webapps.copy("wrong-replay-guard", temporary, Map.of()));

    assertThat(error).contains("init-param 'replay-guard'").contains("ListenerWithoutDefaultConstructor")
        .contains("does not implement io.github.copernicawebhooks.signature.ReplayGuard");
  }

  @Test
  void failsDeploymentNamingTheWrongListenerClass() throws Exception {
    String error = failedDeploymentError(Webapps.copy("wrong-listener", temporary, Map.of()));

    assertThat(error).contains("init-param 'listener'").contains("com.example.NoSuchListener");
  }

  @Test
  void failsDeploymentNamingTheMissingAccountId() throws Exception {
    String error = failedDeploymentError(Webapps.copy("missing-account-id", temporary, Map.of()));

    assertThat(error).contains("init-param 'account-ids' is missing");
  }

  private List<Integer> sendEvents(long firstProfile, int count) throws IOException, InterruptedException {
    List<Integer> statuses = new ArrayList<>(count);
    for (long profile = firstProfile; profile < firstProfile + count; profile++) {
      statuses.add(send(signedPost(VERIFIED, FORM, profileUpdate(profile))).statusCode());
    }
    return statuses;
  }

  static byte[] profileUpdate(long profileId) {
    String email = "p" + profileId + "%40example.com";
    return ("type=update&profile=" + profileId + "&database=1&timestamp=2026-11-28+08%3A00%3A00"
        + "&parameters%5Bemail%5D=" + email + "&fields%5Bemail%5D=" + email + "&interests%5B%5D=blue"
        + "&created=2026-01-02+03%3A04%3A05&modified=2026-11-28+08%3A00%3A00")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static long profileId(WebhookEvent event) {
    return ((ProfileEvent) event).profileId();
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, BodyHandlers.ofString());
  }

  HttpRequest signedPost(String target, String contentType, byte[] body) {
    return signedPost(signer, target, contentType, body);
  }

  private HttpRequest signedPost(WebhookSigner by, String target, String contentType, byte[] body) {
    URI uri = uri(target);
    HttpRequest.Builder request = post(target, contentType, body);
    by.headersFor("POST", target, uri.getHost() + ":" + uri.getPort(), body).forEach(request::header);
    return request.build();
  }

  HttpRequest.Builder post(String target, String contentType, byte[] body) {
    return HttpRequest.newBuilder(uri(target))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofByteArray(body));
  }

  URI uri(String target) {
    return server.base().resolve(target);
  }
}
