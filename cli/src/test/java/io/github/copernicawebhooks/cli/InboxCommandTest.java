package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code inbox} against the inbox of a running application on real PostgreSQL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InboxCommandTest {

  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void retryMovesADeadEventToHandledByTheApplicationsWorkers() throws Exception {
    AtomicBoolean handlerUp = new AtomicBoolean();
    try (WebhookReceiver application = application(handlerUp)) {
      application.receive(call("ProfileUpdated"));
      InboxOperations inbox = application.inbox().orElseThrow();
      long id = await(inbox, InboxStatus.DEAD);

      Cli.Run list = Cli.run("inbox", "list", "--jdbc-url", url, "--status", "DEAD");
      Cli.Run show = Cli.run("inbox", "show", String.valueOf(id), "--jdbc-url", url);
      handlerUp.set(true);
      Cli.Run retry = Cli.run("inbox", "retry", String.valueOf(id), "--jdbc-url", url);
      await(inbox, InboxStatus.HANDLED);
      Cli.Run retryHandled = Cli.run("inbox", "retry", String.valueOf(id), "--jdbc-url", url);

      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out()).startsWith(id + "  DEAD  ").contains("  attempts 1  ")
          .endsWith("1 of 1 events\n");
      assertThat(show.out()).contains("POST /webhooks", "fields%5Bcity%5D", "attempt 1 at ", "the handler is down");
      assertThat(retry.exitCode()).as(retry.err()).isZero();
      assertThat(retry.out()).isEqualTo(id + ": pending, due now\n");
      assertThat(retryHandled.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void showOfAnEventThatIsNotThereExits1() {
    Cli.Run run = Cli.run("inbox", "show", "987654", "--jdbc-url", url);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("no event 987654\n");
  }

  @Test
  void aDatabaseThatCannotBeReachedIsAnError() {
    Cli.Run run = Cli.run("inbox", "list", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ");
  }

  /** The application: its inbox on PostgreSQL, one attempt per event, a handler that fails until it is up. */
  private static WebhookReceiver application(AtomicBoolean handlerUp) {
    return WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          if (!handlerUp.get()) {
            throw new IllegalStateException("the handler is down");
          }
        })
        .inbox(InboxSettings.builder(postgres.getPostgresDatabase())
            .schemaInitialization(SchemaInitialization.ALWAYS)
            .spool(false)
            .maxAttempts(1)
            .pollInterval(Duration.ofMillis(50))
            .retryInitialDelay(Duration.ofMillis(20))
            .retryMaxDelay(Duration.ofMillis(200))
            .build())
        .build();
  }

  private static WebhookRequest call(String type) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks")
        .header("Host", "hooks.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(CopernicaTestSender.examples().get(type).getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** The id of the only event once it has this status; the class timeout bounds the wait. */
  private static long await(InboxOperations inbox, InboxStatus status) {
    while (true) {
      var page = inbox.list(InboxQuery.all().withStatuses(status));
      if (!page.entries().isEmpty()) {
        return page.entries().get(0).id();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
