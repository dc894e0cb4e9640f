package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.copernicawebhooks.build.ThreadAllocations;
import io.github.copernicawebhooks.internal.BodyBudget;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The servlet filter's body limits on the WebFlux endpoint, on Reactor Netty over real HTTP: a stalled body
 * ends at its deadline with 408 and never gets the memory its {@code Content-Length} declares, and a call
 * that finds no room in the shared body budget is answered 503 with {@code Retry-After}.
 */
@SpringBootTest(
    classes = ReactiveBodyLimitsIntegrationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.web-application-type=reactive",
      "copernica.webhooks.signature.mode=off",
      "copernica.webhooks.max-body-size=64MB",
      "copernica.webhooks.max-buffered-size=1MB",
      "copernica.webhooks.body-timeout=2s",
      "copernica.webhooks.min-body-rate=0"
    })
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ReactiveBodyLimitsIntegrationTest {

  private static final long BUDGET = 1024 * 1024;
  private static final long DECLARED = 60L * 1024 * 1024; // under the default body limit of 64 MiB
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @LocalServerPort
  private int port;

  @Autowired
  private CopernicaWebhookWebFilter filter;

  @Test
  void endsAStalledBodyAtItsDeadlineWith408WithoutAllocatingItsDeclaredLength() throws Exception {
    ThreadAllocations server = ThreadAllocations.start(ReactiveBodyLimitsIntegrationTest::isServerThread);
    long start = System.nanoTime();

    String response = RawHttp.exchange(port, head(DECLARED), 10, false);

    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(response).startsWith("HTTP/1.1 408");
    assertThat(elapsedMillis).as("ended at the 2 s deadline").isBetween(1_500L, 9_000L);
    assertThat(server.allocatedBytes()).as("bytes the server threads allocated").isLessThan(DECLARED / 4);
    await().atMost(Duration.ofSeconds(10)).until(() -> budget().availableBytes() == BUDGET);
  }

  @Test
  void answers503WithRetryAfterWhenTheBodyBudgetHasNoRoomInTime() throws Exception {
    try (BodyBudget.Lease everything = budget().reserve(BUDGET, Duration.ZERO)) {
      assertThat(everything).isNotNull();

      HttpResponse<String> busy = post();

      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).isPresent();
    }
    assertThat(post().statusCode()).as("with room again").isEqualTo(200);
  }

  private BodyBudget budget() {
    return filter.limits().budget();
  }

  private HttpResponse<String> post() throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/copernica"))
        .header("Content-Type", WebhookBodies.FORM_CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(TestEvents.PROFILE_UPDATED))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String head(long contentLength) {
    return "POST /webhooks/copernica HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + WebhookBodies.FORM_CONTENT_TYPE
        + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }

  private static boolean isServerThread(String name) {
    return name.startsWith("reactor-") || name.startsWith("boundedElastic") || name.startsWith("parallel");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
