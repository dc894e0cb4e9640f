package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The inbox check of the health contributor, on a real H2 inbox. */
class InboxHealthIndicatorTest {

  private final JdbcDataSource database = database("jdbc:h2:mem:health-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

  @Test
  void isUpWithinTheThresholdsAndOutOfServiceWhenTheBacklogPassesIt() {
    try (WebhookReceiver storing = receiver(InboxSettings.builder(database).workers(0))) {
      for (long profile = 1; profile <= 3; profile++) {
        assertThat(storing.receive(call(profile)).status()).isEqualTo(200);
      }

      Health within = indicator(storing, 3, 0).health(true);
      Health behind = indicator(storing, 2, 0).health(true);

      assertThat(within.getStatus()).isEqualTo(Status.UP);
      assertThat(within.getDetails()).containsEntry("pending", 3L).containsEntry("backlog", 3L).containsEntry("dead", 0L);
      assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }
  }

  @Test
  void isDownWhenMoreEventsAreDeadThanAllowed() {
    try (WebhookReceiver failing = receiver(InboxSettings.builder(database).workers(1).maxAttempts(1)
        .pollInterval(Duration.ofMillis(50)))) {
      failing.receive(call(1));
      await().atMost(Duration.ofSeconds(20))
          .until(() -> failing.inbox().orElseThrow().countByStatus(Optional.empty()).get(InboxStatus.DEAD) == 1L);

      assertThat(indicator(failing, 10, 0).health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(indicator(failing, 10, 1).health().getStatus()).isEqualTo(Status.UP);
    }
  }

  @Test
  void isDownWhenTheDatabaseCannotBeReached(@TempDir Path directory) throws Exception {
    String url = "jdbc:h2:file:" + directory.resolve("inbox").toAbsolutePath();
    try (WebhookReceiver creating = receiver(InboxSettings.builder(database(url + ";IFEXISTS=FALSE")).workers(0));
        WebhookReceiver existing = receiver(InboxSettings.builder(database(url + ";IFEXISTS=TRUE")).workers(0))) {
      InboxHealthIndicator indicator = indicator(existing, 10, 0);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

      try (Connection connection = database(url).getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Health health = indicator.health(true);

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("reason", "STORE_UNAVAILABLE");
    }
  }

  @Test
  void joinsTheHealthContributorWhenTheReceiverHasAnInbox() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksActuatorAutoConfiguration.class))
        .withBean(WebhookReceiver.class, () -> receiver(InboxSettings.builder(database).workers(0)))
        .withPropertyValues("copernica.webhooks.health.inbox.max-backlog=0")
        .run(context -> {
          context.getBean(WebhookReceiver.class).receive(call(1));
          CompositeHealthContributor health =
              context.getBean("copernicaWebhooksHealthContributor", CompositeHealthContributor.class);
          assertThat(((HealthIndicator) health.getContributor("inbox")).health().getStatus())
              .isEqualTo(Status.OUT_OF_SERVICE);
          assertThat(health.getContributor("key")).isNotNull();
        });
  }

  private static WebhookReceiver receiver(InboxSettings.Builder inbox) {
    return WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          throw new IllegalStateException("crm is down");
        })
        .inbox(inbox.schemaInitialization(SchemaInitialization.ALWAYS).build())
        .build();
  }

  private static InboxHealthIndicator indicator(WebhookReceiver receiver, long maxBacklog, long maxDead) {
    return new InboxHealthIndicator(receiver.inbox().orElseThrow(),
        new CopernicaWebhooksHealthProperties.Inbox(maxBacklog, maxDead));
  }

  private static WebhookRequest call(long profile) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Content-Type", WebhookBodies.FORM_CONTENT_TYPE)
        .body(WebhookBodies.profileUpdated().profile(profile).database(12).encode().getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static JdbcDataSource database(String url) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    return dataSource;
  }
}
