package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
 * The filter configured by init-params for asynchronous handling and a small body budget, in a real Jetty
 * that is then stopped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncFilterTest {

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Server server;
  private URI uri;

  @BeforeEach
  void reset() {
    SlowListener.HANDLED.clear();
    SlowListener.gate = new CountDownLatch(0);
  }

  @AfterEach
  void stop() throws Exception {
    SlowListener.gate.countDown();
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void answers202AtOnceAndHandlesEveryAcceptedEventBeforeTheServerHasStopped() throws Exception {
    SlowListener.gate = new CountDownLatch(1);
    start(Map.of("async-threads", "2", "async-queue-capacity", "500"));
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (long profile = 1; profile <= 300; profile++) {
      responses.add(client.sendAsync(post(profile), BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.get().statusCode()).isEqualTo(202);
    }
    assertThat(SlowListener.HANDLED).as("all answered while the handlers were still held").isEmpty();
    SlowListener.gate.countDown();

    server.stop();

    assertThat(SlowListener.HANDLED).hasSize(300);
    assertThat(SlowListener.HANDLED.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }

  @Test
  void answers503WithRetryAfterWhenTheQueueIsFull() throws Exception {
    SlowListener.gate = new CountDownLatch(1);
    start(Map.of("async-threads", "1", "async-queue-capacity", "1"));
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (long profile = 1; profile <= 5; profile++) {
      HttpResponse<String> response = client.send(post(profile), BodyHandlers.ofString());
      statuses.add(response.statusCode());
      if (response.statusCode() == 503) {
        refused = response;
      }
    }
    SlowListener.gate.countDown();
    server.stop();

    assertThat(statuses.subList(0, 1)).containsOnly(202);
    assertThat(statuses).contains(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(SlowListener.HANDLED).hasSize((int) statuses.stream().filter(status -> status == 202).count());
  }

  @Test
  void answers503WithRetryAfterWhenNoRoomForTheBodyFreesUpInTime() throws Exception {
    SlowListener.gate = new CountDownLatch(1);
    start(Map.of("max-buffered-bytes", "1024"));
    CompletableFuture<HttpResponse<String>> holding = client.sendAsync(post(1), BodyHandlers.ofString());
    Thread.sleep(200);

    HttpResponse<String> waited = client.send(post(2), BodyHandlers.ofString());
    SlowListener.gate.countDown();

    assertThat(waited.statusCode()).isEqualTo(503);
    assertThat(waited.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(holding.get().statusCode()).isEqualTo(200);
    assertThat(SlowListener.HANDLED).containsOnlyKeys(1L);
  }

  private void start(Map<String, String> asyncParams) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(CopernicaWebhookFilter.class);
    filter.setInitParameter("listener", SlowListener.class.getName());
    filter.setInitParameter("signature", "off");
    asyncParams.forEach(filter::setInitParameter);
    context.addFilter(filter, "/webhooks", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    uri = URI.create("http://localhost:" + connector.getLocalPort() + "/webhooks");
  }

  private HttpRequest post(long profile) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString(HostileRequests.validBody(profile)))
        .build();
  }
}
