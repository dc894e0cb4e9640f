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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The inbox checks of the health contributor, on a real H2 inbox: {@code inbox}, DOWN only when the database
 * cannot be reached, and {@code copernicaWebhooksInboxBacklog}, which judges dead events and the backlog.
 */
class InboxHealthIndicatorTest {

  private static final Duration LONG = Duration.ofHours(1);

  private final JdbcDataSource database = database("jdbc:h2:mem:health-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

  @Test
  void isUpWithTheCountsInItsDetailsWhileAnEventIsDead() {
    try (WebhookReceiver failing = deadAfterOneCall()) {
      Health health = inboxCheck(failing).health(true);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("dead", 1L).containsEntry("backlog", 0L)
          .containsEntry("handled", 0L).containsKey("countedAt");
    }
  }

  @Test
  void isDownWhenTheDatabaseCannotBeReachedAndShowsTheCallsTheSpoolTookMeanwhile(@TempDir Path directory,
      @TempDir Path spool) throws Exception {
    String url = "jdbc:h2:file:" + directory.resolve("inbox").toAbsolutePath();
    try (WebhookReceiver creating = receiver(InboxSettings.builder(database(url + ";IFEXISTS=FALSE")).workers(0)
            .spoolDirectory(spool.resolve("creating")));
        WebhookReceiver existing = receiver(InboxSettings.builder(database(url + ";IFEXISTS=TRUE")).workers(0)
            .spoolDirectory(spool.resolve("existing")))) {
      InboxHealthIndicator indicator = inboxCheck(existing);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

      try (Connection connection = database(url).getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      assertThat(existing.receive(call(7)).status()).as("spooled while the database is away").isEqualTo(200);
      Health health = indicator.health(true);

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("reason", "STORE_UNAVAILABLE");
      assertThat(health.getDetails().get("spool")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("pending", 1L).containsEntry("spooled", 1L).containsEntry("refused", 0L);
    }
  }

  @Test
  void reusesOneCountForTheIntervalAndCountsAgainAfterIt() {
    try (WebhookReceiver storing = receiver(InboxSettings.builder(database).workers(0))) {
      MutableClock clock = new MutableClock();
      InboxCounts counts = new InboxCounts(storing.inbox().orElseThrow(), Duration.ofSeconds(10), clock);
      InboxHealthIndicator indicator = new InboxHealthIndicator(storing.inbox().orElseThrow(), counts);
      storing.receive(call(1));
      assertThat(indicator.health(true).getDetails()).containsEntry("pending", 1L);

      storing.receive(call(2));
      clock.advance(Duration.ofSeconds(9));
      Health cached = indicator.health(true);
      clock.advance(Duration.ofSeconds(1));
      Health counted = indicator.health(true);

      assertThat(cached.getDetails()).as("within the interval: the first count").containsEntry("pending", 1L);
      assertThat(counted.getDetails()).as("after the interval: a new count").containsEntry("pending", 2L);
    }
  }

  @Test
  void theBacklogCheckIsOutOfServiceWhenTheBacklogPassesItsThreshold() {
    try (WebhookReceiver storing = receiver(InboxSettings.builder(database).workers(0))) {
      for (long profile = 1; profile <= 3; profile++) {
        assertThat(storing.receive(call(profile)).status()).isEqualTo(200);
      }

      Health within = backlogCheck(storing, 3, 0).health(true);
      Health behind = backlogCheck(storing, 2, 0).health(true);

      assertThat(within.getStatus()).isEqualTo(Status.UP);
      assertThat(within.getDetails()).containsEntry("pending", 3L).containsEntry("backlog", 3L).containsEntry("dead", 0L)
          .containsEntry("maxBacklog", 3L);
      assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }
  }

  @Test
  void theBacklogCheckIsDownWhenMoreEventsAreDeadThanAllowed() {
    try (WebhookReceiver failing = deadAfterOneCall()) {
      assertThat(backlogCheck(failing, 10, 0).health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(backlogCheck(failing, 10, 1).health().getStatus()).isEqualTo(Status.UP);
    }
  }

  @Test
  void joinsTheHealthContributorWhenTheReceiverHasAnInboxAndStaysUpPastTheThresholds() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksActuatorAutoConfiguration.class))
        .withBean(WebhookReceiver.class, () -> receiver(InboxSettings.builder(database).workers(0)))
        .withPropertyValues("copernica.webhooks.health.inbox.max-backlog=0")
        .run(context -> {
          context.getBean(WebhookReceiver.class).receive(call(1));
          CompositeHealthContributor health =
              context.getBean("copernicaWebhooksHealthContributor", CompositeHealthContributor.class);
          Health inbox = ((HealthIndicator) health.getContributor("inbox")).health(true);
          assertThat(inbox.getStatus()).isEqualTo(Status.UP);
          assertThat(inbox.getDetails()).containsEntry("backlog", 1L);
          assertThat(health.getContributor("key")).isNotNull();
        });
  }

  private WebhookReceiver deadAfterOneCall() {
    WebhookReceiver failing = receiver(InboxSettings.builder(database).workers(1).maxAttempts(1)
        .pollInterval(Duration.ofMillis(50)));
    failing.receive(call(1));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> failing.inbox().orElseThrow().countByStatus(Optional.empty()).get(InboxStatus.DEAD) == 1L);
    return failing;
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

  private static InboxHealthIndicator inboxCheck(WebhookReceiver receiver) {
    return new InboxHealthIndicator(receiver.inbox().orElseThrow(), counts(receiver));
  }

  private static InboxBacklogHealthIndicator backlogCheck(WebhookReceiver receiver, long maxBacklog, long maxDead) {
    return new InboxBacklogHealthIndicator(counts(receiver),
        new CopernicaWebhooksHealthProperties.Inbox(maxBacklog, maxDead, LONG));
  }

  private static InboxCounts counts(WebhookReceiver receiver) {
    return new InboxCounts(receiver.inbox().orElseThrow(), LONG, Clock.systemUTC());
  }

  /** A clock that moves only when told. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-06T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("fixed zone");
    }
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
