package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.internal.LogLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the filter and its receiver log in a real Jetty, read through {@code java.util.logging} (where
 * {@link System.Logger} writes when no other backend is installed): client-controlled values are escaped,
 * and a flood of refusals writes a bounded number of lines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FilterLogTest {

  private static final String PATH = "/webhooks";

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final Capture filterLog = new Capture(CopernicaWebhookFilter.class);
  private final Capture receiverLog = new Capture(WebhookReceiver.class);
  private AbuseServer server;

  @BeforeEach
  void start() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {
      entered.countDown();
      release.await();
    }).build();
    CopernicaWebhookFilter filter = CopernicaWebhookFilter.builder(receiver).maxBufferedBytes(1024).build();
    filter.budgetWait(Duration.ofMillis(20));
    server = AbuseServer.startFilters(Map.of(PATH, filter), Map.of(), false);
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    filterLog.close();
    receiverLog.close();
    server.close();
  }

  @Test
  void escapesControlCharactersInHeaderValuesThatTheContainerLetsThrough() throws Exception {
    byte[] request = ("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: text/plain\u0085SEVERE: forged\u009b2J\r\nContent-Length: 1\r\n\r\nx")
        .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(RawHttp.exchange(server.port(), request, 10_000)).isEqualTo(415);

    assertThat(receiverLog.refusals()).singleElement().asString()
        .contains("text/plain\\u0085SEVERE: forged\\u009b2J")
        .doesNotContain("\u0085", "\u009b");
  }

  @Test
  void escapesTheRequestTargetInTheFiltersOwnLines() throws Exception {
    CompletableFuture<Integer> holding = holdTheBudget();
    // raw UTF-8 in the request line, which Jetty decodes: NEL, CSI and a line separator
    byte[] request = ("POST " + PATH + "?q=\u0085\u009b\u2028 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1\r\n\r\nx")
        .getBytes(StandardCharsets.UTF_8);

    int status = RawHttp.exchange(server.port(), request, 10_000);
    release.countDown();

    assertThat(holding.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(status).isEqualTo(503);
    assertThat(filterLog.refusals()).singleElement().asString()
        .startsWith("Refused webhook call POST " + PATH + "?q=\\u0085\\u009b\\u2028 from 127.0.0.1: 503")
        .doesNotContain("\u0085", "\u009b", "\u2028");
  }

  /** Thirty calls refused for want of memory write the limit of lines, not thirty. */
  @Test
  void limitsTheLinesOfAFloodOfRefusals() throws Exception {
    CompletableFuture<Integer> holding = holdTheBudget();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    for (int call = 0; call < 30; call++) {
      statuses.add(RawHttp.exchange(server.port(), post(), 10_000));
    }
    release.countDown();

    assertThat(holding.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(statuses).hasSize(30).containsOnly(503);
    assertThat(filterLog.refusals()).hasSize(LogLimiter.DEFAULT_LINES_PER_MINUTE)
        .allSatisfy(line -> assertThat(line).contains("503 too many bodies in memory at once"));
  }

  /** One call whose handler holds the whole budget until {@link #release}. */
  private CompletableFuture<Integer> holdTheBudget() throws InterruptedException {
    CompletableFuture<Integer> holding = CompletableFuture.supplyAsync(() -> {
      try {
        return RawHttp.exchange(server.port(), post(), 20_000);
      } catch (java.io.IOException failed) {
        throw new java.io.UncheckedIOException(failed);
      }
    });
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("first call in its handler").isTrue();
    return holding;
  }

  private static byte[] post() {
    String body = HostileRequests.validBody(1);
    return ("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The formatted refusal lines of one logger. */
  private static final class Capture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    Capture(Class<?> type) {
      this.logger = Logger.getLogger(type.getName());
      this.previous = logger.getLevel();
      logger.setLevel(Level.ALL);
      logger.addHandler(this);
    }

    List<String> refusals() {
      return records.stream()
          .filter(record -> record.getLevel().intValue() >= Level.INFO.intValue())
          .filter(record -> record.getMessage().startsWith("Refused"))
          .map(record -> new SimpleFormatter().formatMessage(record))
          .collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setLevel(previous);
    }
  }
}
