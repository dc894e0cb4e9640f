package io.github.copernicawebhooks.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the sample as the README's command does (same main class, default configuration: the inbox on an
 * embedded H2 database), on a free port; and once with its postgres profile on a real PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTest {

  private static final String PASSWORD = "sample-test-secret";

  private static final List<String> EVENT_TYPES = List.of(
      "ProfileCreated", "ProfileUpdated", "ProfileDeleted",
      "SubprofileCreated", "SubprofileUpdated", "SubprofileDeleted",
      "EmailClicked", "EmailOpened", "EmailDelivered", "EmailFailed", "EmailBounced", "Unsubscribed",
      "ComplaintReceived", "UnknownEvent");

  @Test
  void demoSendsItselfOneSignedEventOfEveryTypeAndHandlesEach(CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
        "--spring.security.user.password=" + PASSWORD)) {
      Map<String, Integer> statuses = context.getBean(DemoSender.class).statuses().get(30, TimeUnit.SECONDS);

      assertThat(statuses).containsOnlyKeys(EVENT_TYPES);
      assertThat(statuses.values()).containsOnly(200);
      awaitHandledByTheInbox(context, EVENT_TYPES.size());
      try (Connection connection = context.getBean(DataSource.class).getConnection()) {
        assertThat(connection.getMetaData().getURL()).as("Spring Boot's embedded H2").startsWith("jdbc:h2:mem:");
      }
      assertThat(output.getOut()).contains("Copernica webhook endpoint: http://localhost:",
          "Copernica webhook console: http://localhost:", "/copernica-webhooks/ (user 'operator'");
      assertThat(context.getBean(io.github.copernicawebhooks.console.WebhookConsole.class).role())
          .as("the sample's console decides on the user, not on an address")
          .contains(io.github.copernicawebhooks.console.WebhookConsole.DEFAULT_ROLE);
      for (String type : EVENT_TYPES) {
        assertThat(output.getOut()).contains(type + ": ");
      }
      assertThat(output.getOut()).contains("ProfileUpdated: profile 4711 in database 12 changed {city='s-Hertogenbosch}");
      assertTheConsoleShowsTheRefusedCallAndTheRetriedFailure(context);
    }
  }

  /** The console decides on the user, so no proxy header lets an anonymous client in. */
  private static void assertTheConsoleNeedsItsOperator(String console) throws Exception {
    HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console + "api/calls"))
        .header("X-Forwarded-For", "127.0.0.1").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("\"calls\"");
  }

  /** What a newcomer sees at /copernica-webhooks: the refused call with its reason, the failure and its retry. */
  private static void assertTheConsoleShowsTheRefusedCallAndTheRetriedFailure(ConfigurableApplicationContext context)
      throws Exception {
    assertThat(context.getBean(DemoSender.class).refused().get(30, TimeUnit.SECONDS)).isEqualTo(401);
    String console = "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/copernica-webhooks/";
    assertTheConsoleNeedsItsOperator(console);
    assertThat(get(console)).contains("<title>Copernica webhooks</title>");
    assertThat(get(console + "api/calls?outcome=refused")).contains("\"reason\":\"ACCOUNT_UNKNOWN\"");
    String retried = get(console + "api/calls?eventType=SubprofileUpdated");
    assertThat(retried).contains("\"outcome\":\"handled\"", "\"attempts\":2");
    String id = retried.replaceAll("(?s).*?\"id\":\"(i[0-9]+)\".*", "$1");
    assertThat(get(console + "api/calls/" + id)).contains(DemoFailures.FAILURE, "\"succeeded\":true");
  }

  private static String get(String uri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("operator:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri).isEqualTo(200);
    return response.body();
  }

  @Test
  void thePostgresProfileKeepsTheInboxInPostgreSQL(CapturedOutput output) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
            "--spring.profiles.active=demo,postgres", "--PGHOST=localhost", "--PGPORT=" + postgres.getPort(),
            "--PGDATABASE=postgres", "--PGUSER=postgres")) {
      Map<String, Integer> statuses = context.getBean(DemoSender.class).statuses().get(30, TimeUnit.SECONDS);

      assertThat(statuses.values()).hasSize(EVENT_TYPES.size()).containsOnly(200);
      awaitHandledByTheInbox(context, EVENT_TYPES.size());
      try (Connection connection = context.getBean(DataSource.class).getConnection()) {
        assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      }
      assertThat(output.getOut()).contains("ProfileUpdated: profile 4711 in database 12");
    }
  }

  @Test
  void aRealAccountIdTurnsTheDemoOffAndUnsignedCallsAreRefused() throws Exception {
    try (ConfigurableApplicationContext context = SpringApplication.run(
        SampleApplication.class, "--server.port=0", "--copernica.webhooks.account-ids=account_42")) {
      assertThat(context.getBeansOfType(DemoSender.class)).isEmpty();
      String port = context.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/copernica"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("type=update&profile=1&timestamp=2026-11-28+10%3A15%3A00"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(401);
    }
  }

  /** The demo's calls were answered once stored; the inbox's workers call the handlers from there. */
  private static void awaitHandledByTheInbox(ConfigurableApplicationContext context, long events)
      throws InterruptedException {
    InboxOperations inbox = context.getBean(InboxOperations.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (handled(inbox) < events && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(inbox.countByStatus(Optional.empty())).containsEntry(InboxStatus.HANDLED, events);
  }

  private static long handled(InboxOperations inbox) {
    return inbox.countByStatus(Optional.empty()).getOrDefault(InboxStatus.HANDLED, 0L);
  }
}
