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
  private CopernicaWebhookFilter filter;
  private URI uri;

  @BeforeEach
  void reset() {
    SlowListener.HANDLED.clear();
    SlowListener.gate = new CountDownLatch(0);
    SlowListener.entered = new CountDownLatch(1);
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
    List<HttpResponse<String>> responses = new ArrayList<>();
    responses.add(client.send(post(1), BodyHandlers.ofString()));
    // the one thread now holds event 1 at the gate: the queue has room for exactly one more
    assertThat(SlowListener.entered.await(10, TimeUnit.SECONDS)).as("worker started").isTrue();
    for (long profile = 2; profile <= 5; profile++) {
      responses.add(client.send(post(profile), BodyHandlers.ofString()));
    }
    SlowListener.gate.countDown();
    server.stop();

    assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(202, 202, 503, 503, 503);
    assertThat(responses.subList(2, 5)).allSatisfy(
        refused -> assertThat(refused.headers().firstValue("Retry-After")).hasValue("5"));
    assertThat(SlowListener.HANDLED).containsOnlyKeys(1L, 2L);
  }

  @Test
  void answers503WithRetryAfterWhenNoRoomForTheBodyFreesUpInTime() throws Exception {
    SlowListener.gate = new CountDownLatch(1);
    start(Map.of("max-buffered-bytes", "1024"));
    CompletableFuture<HttpResponse<String>> holding = client.sendAsync(post(1), BodyHandlers.ofString());
    // event 1 holds the whole budget while its handler waits at the gate
    assertThat(SlowListener.entered.await(10, TimeUnit.SECONDS)).as("first call in its handler").isTrue();

    HttpResponse<String> waited = client.send(post(2), BodyHandlers.ofString());
    SlowListener.gate.countDown();

    assertThat(waited.statusCode()).isEqualTo(503);
    assertThat(waited.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(holding.get().statusCode()).isEqualTo(200);
    assertThat(SlowListener.HANDLED).containsOnlyKeys(1L);
  }

  /**
   * A 202 answers the call, but the queued event still holds its body (and what parsing made of it) until
   * its handler has finished: the room in the body budget is held until then, so a queue of accepted events
   * cannot outgrow the memory the budget bounds.
   */
  @Test
  void keepsAnAcceptedBodyInTheBudgetUntilItsQueuedHandlerHasFinished() throws Exception {
    SlowListener.gate = new CountDownLatch(1);
    start(Map.of("async-threads", "1", "async-queue-capacity", "10", "max-buffered-bytes", "1024"));

    HttpResponse<String> accepted = client.send(post(1), BodyHandlers.ofString());
    assertThat(SlowListener.entered.await(10, TimeUnit.SECONDS)).as("worker started").isTrue();
    HttpResponse<String> whileHandled = client.send(post(2), BodyHandlers.ofString());
    SlowListener.gate.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!SlowListener.HANDLED.containsKey(1L) || filter.budget().availableBytes() < 1024) {
      assertThat(System.nanoTime()).as("event 1 handled and its room given back").isLessThan(deadline);
      Thread.sleep(5);
    }
    HttpResponse<String> afterwards = client.send(post(3), BodyHandlers.ofString());
    server.stop();

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(whileHandled.statusCode()).as("a second body while the first is still held").isEqualTo(503);
    assertThat(afterwards.statusCode()).isEqualTo(202);
    assertThat(SlowListener.HANDLED).containsOnlyKeys(1L, 3L);
  }

  private void start(Map<String, String> asyncParams) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    filter = new CopernicaWebhookFilter();
    // a call finds room in the budget at once or not at all here: the tests need no five-second waits
    filter.budgetWait(Duration.ofMillis(300));
    FilterHolder holder = new FilterHolder(filter);
    holder.setInitParameter("listener", SlowListener.class.getName());
    holder.setInitParameter("signature", "off");
    asyncParams.forEach(holder::setInitParameter);
    context.addFilter(holder, "/webhooks", EnumSet.of(DispatcherType.REQUEST));
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
