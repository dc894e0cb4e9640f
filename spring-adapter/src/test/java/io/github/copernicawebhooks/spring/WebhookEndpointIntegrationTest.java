package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.copernicawebhooks.event.ProfileCreated;
import io.github.copernicawebhooks.event.ProfileDeleted;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The auto-configured endpoint on a real embedded Tomcat, called over HTTP with Copernica's signature. */
@SpringBootTest(
    classes = WebhookEndpointIntegrationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID,
      "copernica.webhooks.publish-application-events=true",
      "copernica.webhooks.body-timeout=2s"
    })
class WebhookEndpointIntegrationTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final String PATH = "/webhooks/copernica";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  /** Calls this class made to the endpoint: each is counted once, when it has been answered. */
  private static final AtomicInteger SENT = new AtomicInteger();

  @LocalServerPort
  private int port;

  @Autowired
  private Calls calls;

  @Autowired
  private MeterRegistry meters;

  @Autowired
  private HandleParents handleParents;

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
  }

  @Test
  void deliversEverySignedEventTypeToTheMethodsThatTakeItInOrder() throws Exception {
    assertDelivered(TestEvents.PROFILE_CREATED, "profileCreated", "profile", "database12", "all", "listener:ProfileCreated");
    assertDelivered(TestEvents.PROFILE_UPDATED, "profileUpdated", "profile", "database12", "all", "listener:ProfileUpdated");
    assertDelivered(TestEvents.PROFILE_DELETED, "profileDeleted", "profile", "all", "listener:ProfileDeleted");
    assertDelivered(TestEvents.SUBPROFILE_CREATED, "subprofile", "collection7", "all", "listener:SubprofileCreated");
    assertDelivered(TestEvents.SUBPROFILE_UPDATED, "subprofile", "all", "listener:SubprofileUpdated");
    assertDelivered(TestEvents.SUBPROFILE_DELETED, "subprofile", "collection7", "all", "listener:SubprofileDeleted");
    assertDelivered(TestEvents.UNKNOWN, "unknown", "all", "listener:UnknownEvent");
  }

  @Test
  void handsTheHandlerTheParsedFields() throws Exception {
    assertThat(postSigned(TestEvents.PROFILE_UPDATED).statusCode()).isEqualTo(200);
    assertThat(calls.events).last().isInstanceOfSatisfying(ProfileUpdated.class, update -> {
      assertThat(update.profileId()).isEqualTo(4711);
      assertThat(update.fields().get("email")).contains("jan@example.nl");
    });
  }

  @Test
  void handlesASignedJsonBodyLikeTheFormBody() throws Exception {
    byte[] json = WebhookBodies.profileUpdated().profile(4711).database(12).field("email", "jan@example.nl")
        .encodeJson().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = send(signedRequest(json, WebhookBodies.JSON_CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(calls.list).containsExactly("profileUpdated", "profile", "database12", "all", "listener:ProfileUpdated");
  }

  @Test
  void refusesAnUnsignedCallWith401AndCallsNoHandler() throws Exception {
    HttpResponse<String> response = send(request().header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(TestEvents.PROFILE_UPDATED)));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("signature verification failed");
    assertThat(calls.list).isEmpty();
  }

  @Test
  void refusesABodyChangedAfterSigningWith401() throws Exception {
    byte[] signed = TestEvents.PROFILE_UPDATED.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = signedRequest(signed, WebhookBodies.FORM_CONTENT_TYPE);
    HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(TestEvents.profileUpdatedIn(12, 1))));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(calls.list).isEmpty();
  }

  @Test
  void answers500WhenAHandlerThrowsAndSkipsTheHandlersAfterIt() throws Exception {
    HttpResponse<String> response = postSigned(TestEvents.profileUpdatedIn(12, ProfileHandlers.FAILING_PROFILE));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("crm is down");
    assertThat(calls.list).containsExactly("profileUpdated");
  }

  /**
   * Spring Boot registers the filter as supporting asynchronous processing, so Tomcat reads the body without
   * holding a thread, and the body timeout holds although the upload sends nothing after its first byte.
   */
  @Test
  void endsAStalledUploadAtTheBodyTimeout() throws Exception {
    byte[] body = TestEvents.PROFILE_UPDATED.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n");
    SIGNER.headersFor("POST", PATH, "localhost:" + port, body)
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    String statusLine;
    long start = System.nanoTime();
    try (Socket socket = new Socket("localhost", port)) {
      SENT.incrementAndGet();
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, 1);
      out.flush();
      statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
          .readLine();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(statusLine).startsWith("HTTP/1.1 408");
    assertThat(millis).isBetween(1_900L, 5_000L);
    assertThat(calls.list).isEmpty();
  }

  @Test
  void countsEveryOutcomeAndTimesTheHandlers() throws Exception {
    // A call is counted once it has been answered (when its asynchronous processing completes): wait until
    // every call this class made so far is counted before taking the baseline, and until this test's are.
    awaitTotalRequests(SENT.get());
    double total = totalRequests();
    double handled = requests("handled", "ProfileUpdated");
    double failed = requests("handler-failed", "ProfileUpdated");
    double rejected = requests("rejected-signature", "none");
    double malformed = requests("malformed", "none");
    double unsupported = requests("unsupported-media-type", "none");
    double notAllowed = requests("method-not-allowed", "none");
    long succeeded = handlerTimer("ProfileHandlers.profileUpdated", "none");
    long threw = handlerTimer("ProfileHandlers.profileUpdated", "IllegalStateException");

    postSigned(TestEvents.PROFILE_UPDATED);
    postSigned(TestEvents.profileUpdatedIn(12, ProfileHandlers.FAILING_PROFILE));
    send(request().header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(TestEvents.PROFILE_UPDATED)));
    postSigned("type=update&profile=not-a-number&timestamp=2026-11-28+10%3A15%3A00");
    send(request().header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
    send(request().GET());
    awaitTotalRequests(SENT.get());
    assertThat(totalRequests()).isEqualTo(total + 6);

    assertThat(requests("handled", "ProfileUpdated")).isEqualTo(handled + 1);
    assertThat(requests("handler-failed", "ProfileUpdated")).isEqualTo(failed + 1);
    assertThat(requests("rejected-signature", "none")).isEqualTo(rejected + 1);
    assertThat(requests("malformed", "none")).isEqualTo(malformed + 1);
    assertThat(requests("unsupported-media-type", "none")).isEqualTo(unsupported + 1);
    assertThat(requests("method-not-allowed", "none")).isEqualTo(notAllowed + 1);
    assertThat(handlerTimer("ProfileHandlers.profileUpdated", "none")).isEqualTo(succeeded + 1);
    assertThat(handlerTimer("ProfileHandlers.profileUpdated", "IllegalStateException")).isEqualTo(threw + 1);
  }

  @Test
  void bootsObservationRegistryMakesTimersOfTheObservations() throws Exception {
    postSigned(TestEvents.PROFILE_UPDATED);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Timer receive = meters.find(WebhookObservations.RECEIVE).tags("outcome", "handled", "event", "ProfileUpdated").timer();
      assertThat(receive).isNotNull();
      assertThat(receive.count()).isPositive();
    });
    assertThat(meters.find(WebhookObservations.HANDLE)
        .tags("handler", "ProfileHandlers.profileUpdated", "outcome", "success").timer()).isNotNull();
  }

  /** The body is read with non-blocking I/O on container threads; the handler observations stay inside the call's. */
  @Test
  void handlerObservationsAreChildrenOfTheCallsObservationAlthoughTheBodyIsReadAsynchronously() throws Exception {
    handleParents.parents.clear();
    assertThat(postSigned(TestEvents.PROFILE_UPDATED).statusCode()).isEqualTo(200);

    assertThat(handleParents.parents).isNotEmpty().containsOnly(WebhookObservations.RECEIVE);
  }

  private void assertDelivered(String body, String... expectedCalls) throws Exception {
    calls.list.clear();
    HttpResponse<String> response = postSigned(body);
    assertThat(response.statusCode()).as("status for %s", body).isEqualTo(200);
    assertThat(calls.list).as("handlers for %s", body).containsExactly(expectedCalls);
  }

  private void awaitTotalRequests(double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (totalRequests() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(totalRequests()).as("calls counted").isEqualTo(expected);
  }

  private double totalRequests() {
    return meters.find(WebhookMetrics.REQUESTS).counters().stream().mapToDouble(Counter::count).sum();
  }

  private double requests(String outcome, String event) {
    Counter counter = meters.find(WebhookMetrics.REQUESTS).tags("outcome", outcome, "event", event).counter();
    return counter == null ? 0 : counter.count();
  }

  private long handlerTimer(String handler, String exception) {
    Timer timer = meters.find(WebhookMetrics.HANDLER)
        .tags("event", "ProfileUpdated", "handler", handler, "exception", exception).timer();
    return timer == null ? 0 : timer.count();
  }

  private HttpResponse<String> postSigned(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(signedRequest(bytes, WebhookBodies.FORM_CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  private HttpRequest.Builder signedRequest(byte[] body, String contentType) {
    HttpRequest.Builder request = request().header("Content-Type", contentType);
    Map<String, String> headers = SIGNER.headersFor("POST", PATH, "localhost:" + port, body);
    headers.forEach(request::header);
    return request;
  }

  private HttpRequest.Builder request() {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    SENT.incrementAndGet();
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Calls.class, ProfileHandlers.class, SubprofileHandlers.class, AuditHandlers.class, BridgeListener.class})
  static class App {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    HandleParents handleParents() {
      return new HandleParents();
    }
  }

  /** The parent observation of every handler method observation, as the registry's handlers see it start. */
  static final class HandleParents implements ObservationHandler<Observation.Context> {
    final List<String> parents = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Observation.Context context) {
      if (WebhookObservations.HANDLE.equals(context.getName())) {
        Observation.ContextView parent = context.getParentObservation() == null
            ? null : context.getParentObservation().getContextView();
        parents.add(parent == null ? "none" : parent.getName());
      }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }
  }

  static final class Calls {
    final List<String> list = new CopyOnWriteArrayList<>();
    final List<WebhookEvent> events = new CopyOnWriteArrayList<>();

    void add(String call, WebhookEvent event) {
      list.add(call);
      events.add(event);
    }
  }

  static class ProfileHandlers {
    static final long FAILING_PROFILE = 666;
    private final Calls calls;

    ProfileHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(1)
    void profileCreated(ProfileCreated created) {
      calls.add("profileCreated", created);
    }

    @CopernicaWebhookHandler
    @Order(1)
    void profileUpdated(ProfileUpdated update) {
      calls.add("profileUpdated", update);
      if (update.profileId() == FAILING_PROFILE) {
        throw new IllegalStateException("crm is down");
      }
    }

    @CopernicaWebhookHandler
    @Order(1)
    void profileDeleted(ProfileDeleted deleted) {
      calls.add("profileDeleted", deleted);
    }

    @CopernicaWebhookHandler
    @Order(2)
    void profile(ProfileEvent event) {
      calls.add("profile", event);
    }

    @CopernicaWebhookHandler(database = 12)
    @Order(3)
    void database12(ProfileEvent event) {
      calls.add("database12", event);
    }
  }

  static class SubprofileHandlers {
    private final Calls calls;

    SubprofileHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(2)
    void subprofile(SubprofileEvent event) {
      calls.add("subprofile", event);
    }

    @CopernicaWebhookHandler(collection = 7)
    @Order(3)
    void collection7(SubprofileEvent event) {
      calls.add("collection7", event);
    }
  }

  static class AuditHandlers {
    private final Calls calls;

    AuditHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(2)
    void unknown(UnknownEvent event) {
      calls.add("unknown", event);
    }

    @CopernicaWebhookHandler
    @Order(100)
    void all(WebhookEvent event) {
      calls.add("all", event);
    }
  }

  static class BridgeListener {
    private final Calls calls;

    BridgeListener(Calls calls) {
      this.calls = calls;
    }

    @EventListener
    void on(WebhookEvent event) {
      calls.add("listener:" + event.getClass().getSimpleName(), event);
    }
  }
}
