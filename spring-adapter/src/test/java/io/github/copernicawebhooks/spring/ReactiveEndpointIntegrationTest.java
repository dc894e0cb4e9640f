package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;

/**
 * The starter in a WebFlux application on Reactor Netty, called over real HTTP: signed calls reach void and
 * {@code Mono<Void>} handler methods off the event loop, and every row of the HTTP contract holds.
 */
@SpringBootTest(
    classes = ReactiveEndpointIntegrationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.web-application-type=reactive",
      "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID,
      "copernica.webhooks.max-body-size=64KB"
    })
class ReactiveEndpointIntegrationTest {

  static final WebhookSigner SIGNER = WebhookSigner.generate();
  static final String KEY_DOWN = "down._domainkey.copernica.com";
  private static final String PATH = "/webhooks/copernica";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort
  private int port;

  @Autowired
  private Calls calls;

  @Autowired
  private TestObservationRegistry observations;

  @Autowired
  private ApplicationContext context;

  @BeforeEach
  void forgetEarlierCalls() {
    calls.list.clear();
    calls.threads.clear();
  }

  @Test
  void runsOnReactorNetty() {
    // By the simple name: the factory's package differs between Boot 3 and Boot 4. With Tomcat on the test
    // class path too (for the servlet tests), Boot 4 picks Netty; Boot 3.5 (-Pspring-boot-3) picks Tomcat's
    // reactive server, which runs the same tests.
    boolean boot4 = ClassUtils.isPresent("org.springframework.boot.reactor.netty.NettyWebServer", null);
    assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType).filter(Objects::nonNull)
        .map(Class::getSimpleName))
        .contains(boot4 ? "NettyReactiveWebServerFactory" : "TomcatReactiveWebServerFactory");
  }

  @Test
  void dispatchesASignedCallToTheHandlerMethodsOffTheEventLoop() throws Exception {
    HttpResponse<String> response = sender().send(endpoint(), TestEvents.PROFILE_UPDATED);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(response.headers().firstValue("Content-Type")).contains("text/plain;charset=UTF-8");
    assertThat(calls.list).containsExactly("profileUpdated jan@example.nl", "all ProfileUpdated");
    assertThat(calls.threads).allSatisfy(thread -> assertThat(thread).startsWith("boundedElastic-"));
  }

  @Test
  void answersAfterTheMonoOfAHandlerCompletes() throws Exception {
    HttpResponse<String> response = sender().send(endpoint(), TestEvents.SUBPROFILE_CREATED);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(calls.list).containsExactly("subprofile 88 done", "all SubprofileCreated");
  }

  @Test
  void answers500WhenAHandlerThrowsOrItsMonoFails() throws Exception {
    HttpResponse<String> threw = sender().send(endpoint(), TestEvents.profileUpdatedIn(12, Handlers.THROWING_PROFILE));
    HttpResponse<String> failed = sender().send(endpoint(), TestEvents.SUBPROFILE_DELETED);

    assertThat(threw.statusCode()).isEqualTo(500);
    assertThat(threw.body()).isEqualTo("handler failed");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).isEqualTo("handler failed").doesNotContain("crm is down");
  }

  @Test
  void refusesAnUnsignedCallWithTheGenericBody() throws Exception {
    HttpResponse<String> response = send(request().header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(TestEvents.PROFILE_UPDATED)));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("signature verification failed");
    assertThat(calls.list).isEmpty();
  }

  @Test
  void answersTheRestOfTheContract() throws Exception {
    HttpResponse<String> get = send(request().GET());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");

    HttpResponse<String> text = send(request().header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("hello")));
    assertThat(text.statusCode()).isEqualTo(415);

    HttpResponse<String> malformed = sender().send(endpoint(), "type=update&profile=12ab&timestamp=2026-11-28+10%3A15%3A00");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).isEqualTo("variable 'profile' is not a decimal id: '12ab'");

    HttpResponse<String> keyDown = new CopernicaTestSender(SIGNER.withKeyId(KEY_DOWN)).send(endpoint(), TestEvents.PROFILE_UPDATED);
    assertThat(keyDown.statusCode()).isEqualTo(503);
    assertThat(keyDown.body()).isEqualTo("signature key unavailable, try again later");
    assertThat(calls.list).isEmpty();
  }

  @Test
  void passesOtherPathsOn() throws Exception {
    HttpResponse<String> response = CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/copernica/other")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void refusesADeclaredOversizeBodyBeforeReadingIt() throws Exception {
    String response = RawHttp.exchange(port, head("Content-Length: 50000000"), 256 * 1024, false);

    assertThat(response).startsWith("HTTP/1.1 413 ").containsIgnoringCase("connection: close")
        .endsWith("body larger than 65536 bytes");
  }

  /** Signed, so that its head passes screening: the body is then read, and refused once it passes the limit. */
  @Test
  void refusesAChunkedBodyOnceItPassesTheLimit() throws Exception {
    StringBuilder signed = new StringBuilder("Transfer-Encoding: chunked");
    SIGNER.headersFor("POST", PATH, "localhost:" + port, new byte[0])
        .forEach((name, value) -> signed.append("\r\n").append(name).append(": ").append(value));
    String response = RawHttp.exchange(port, head(signed.toString()), 50L * 1024 * 1024, true);

    assertThat(response).startsWith("HTTP/1.1 413 ").endsWith("body larger than 65536 bytes");
    assertThat(calls.list).isEmpty();
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() throws Exception {
    String body = "type=update&profile=4711&database=12&timestamp=2026-11-28+10%3A15%3A00&fields%5Bnote%5D=";
    body = body + "x".repeat(64 * 1024 - body.length());

    HttpResponse<String> response = sender().send(endpoint(), body);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void observesTheCallAroundTheHandlersInsideTheServersObservation() throws Exception {
    observations.clear();

    assertThat(sender().send(endpoint(), TestEvents.PROFILE_UPDATED).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo(WebhookObservations.RECEIVE).that().hasBeenStopped());
    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo(WebhookObservations.RECEIVE).that()
        .hasLowCardinalityKeyValue("outcome", "handled")
        .hasLowCardinalityKeyValue("event", "ProfileUpdated")
        .hasParentObservationContextMatching(parent -> parent.getName().equals("http.server.requests"));
    Predicate<Observation.ContextView> isReceive = parent -> parent.getName().equals(WebhookObservations.RECEIVE);
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(WebhookObservations.HANDLE, 2)
        .forAllObservationsWithNameEqualTo(WebhookObservations.HANDLE, handle -> handle
            .hasLowCardinalityKeyValue("event", "ProfileUpdated")
            .hasLowCardinalityKeyValue("outcome", "success")
            .hasParentObservationContextMatching(isReceive));
  }

  private String head(String lengthHeader) {
    return "POST " + PATH + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n" + lengthHeader + "\r\n\r\n";
  }

  private static CopernicaTestSender sender() {
    return new CopernicaTestSender(SIGNER);
  }

  private URI endpoint() {
    return URI.create("http://localhost:" + port + PATH);
  }

  private HttpRequest.Builder request() {
    return HttpRequest.newBuilder(endpoint());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Calls.class, Handlers.class})
  static class App {

    @Bean
    TestObservationRegistry observationRegistry() {
      return TestObservationRegistry.create();
    }

    /** The test signer's key, and a key id whose lookup fails as DNS would when it is down. */
    @Bean
    PublicKeyResolver testKeys() {
      PublicKeyResolver signer = SIGNER.resolver();
      return keyId -> {
        if (keyId.equals(KEY_DOWN)) {
          throw new WebhookException(Reason.KEY_UNAVAILABLE, "lookup of " + keyId + " timed out");
        }
        return signer.resolve(keyId);
      };
    }
  }

  static final class Calls {
    final List<String> list = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    void add(String call) {
      list.add(call);
      threads.add(Thread.currentThread().getName());
    }
  }

  static class Handlers {
    static final long THROWING_PROFILE = 666;
    private final Calls calls;

    Handlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(1)
    void profileUpdated(ProfileUpdated update) {
      if (update.profileId() == THROWING_PROFILE) {
        throw new IllegalStateException("crm is down");
      }
      calls.add("profileUpdated " + update.fields().get("email").orElse("?"));
    }

    @CopernicaWebhookHandler
    @Order(1)
    Mono<Void> subprofile(SubprofileEvent event) {
      if (event instanceof io.github.copernicawebhooks.event.SubprofileDeleted) {
        return Mono.error(new IllegalStateException("crm is down"));
      }
      return Mono.delay(Duration.ofMillis(20)).doOnNext(tick -> calls.add("subprofile " + event.subprofileId() + " done")).then();
    }

    @CopernicaWebhookHandler
    @Order(2)
    void all(WebhookEvent event) {
      calls.add("all " + event.getClass().getSimpleName());
    }
  }
}
