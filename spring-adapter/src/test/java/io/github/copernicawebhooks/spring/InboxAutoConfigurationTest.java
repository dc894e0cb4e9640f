package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.spring.CopernicaWebhooksInboxProperties.InitializeSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The inbox's auto-configuration on real H2 and PostgreSQL DataSources, in a servlet context without a server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InboxAutoConfigurationTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          CopernicaWebhooksInboxAutoConfiguration.class, CopernicaWebhooksAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.signature.mode=off");

  @Test
  void isOffByDefaultWithTheDefaultsOfCore() {
    runner.withBean(DataSource.class, TestDatabases::h2).run(context -> {
      assertThat(context).hasNotFailed()
          .doesNotHaveBean(InboxSettings.class)
          .doesNotHaveBean(InboxOperations.class)
          .doesNotHaveBean(InboxWorkers.class);
      assertThat(context.getBean(WebhookReceiver.class).inbox()).isEmpty();
      CopernicaWebhooksInboxProperties properties = context.getBean(CopernicaWebhooksInboxProperties.class);
      assertThat(properties.enabled()).isFalse();
      assertThat(properties.initializeSchema()).isEqualTo(InitializeSchema.EMBEDDED);
      assertThat(properties.tablePrefix()).isEqualTo(InboxSettings.DEFAULT_TABLE_PREFIX);
      assertThat(properties.workers()).isEqualTo(InboxSettings.DEFAULT_WORKERS);
      assertThat(properties.maxAttempts()).isEqualTo(InboxSettings.DEFAULT_MAX_ATTEMPTS);
      assertThat(properties.retry().initialDelay()).isEqualTo(InboxSettings.DEFAULT_RETRY_INITIAL_DELAY);
      assertThat(properties.retry().maxDelay()).isEqualTo(InboxSettings.DEFAULT_RETRY_MAX_DELAY);
      assertThat(properties.retention()).isEqualTo(InboxSettings.DEFAULT_RETENTION);
      assertThat(properties.deadBodyRetention()).isEqualTo(InboxSettings.DEFAULT_DEAD_BODY_RETENTION);
      assertThat(properties.databaseTimeBudget()).isEqualTo(InboxSettings.DEFAULT_DATABASE_TIME_BUDGET);
      assertThat(properties.spool().enabled()).isEqualTo(InboxSettings.DEFAULT_SPOOL);
      assertThat(properties.spool().directory()).isNull();
      assertThat(properties.spool().quota().toBytes()).isEqualTo(InboxSettings.DEFAULT_SPOOL_QUOTA_BYTES);
    });
  }

  @Test
  void storesCallsInTheApplicationsDataSourceAndExposesTheReceiversOperations() {
    DataSource h2 = TestDatabases.h2();
    runner.withBean(DataSource.class, () -> h2).withPropertyValues("copernica.webhooks.inbox.enabled=true")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(InboxSettings.class).hasSingleBean(InboxOperations.class);
          InboxSettings settings = context.getBean(InboxSettings.class);
          assertThat(settings.dataSource()).isSameAs(h2);
          assertThat(settings.schemaInitialization()).as("an embedded H2 gets its tables").isEqualTo(SchemaInitialization.ALWAYS);
          assertThat(settings.autoStart()).as("workers wait for the handler methods").isFalse();
          WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
          assertThat(context.getBean(InboxOperations.class)).isSameAs(receiver.inbox().orElseThrow());

          assertThat(receiver.receive(request(41)).kind()).isEqualTo(Kind.STORED);

          assertThat(context.getBean(InboxOperations.class).list(InboxQuery.all()).entries())
              .singleElement().satisfies(entry -> assertThat(entry.profileId()).hasValue(41));
        });
  }

  @Test
  void bindsEveryInboxProperty() {
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true",
            "copernica.webhooks.inbox.initialize-schema=always",
            "copernica.webhooks.inbox.table-prefix=crm_",
            "copernica.webhooks.inbox.workers=0",
            "copernica.webhooks.inbox.max-attempts=4",
            "copernica.webhooks.inbox.retry.initial-delay=3s",
            "copernica.webhooks.inbox.retry.max-delay=10m",
            "copernica.webhooks.inbox.retention=1d",
            "copernica.webhooks.inbox.dead-body-retention=3d",
            "copernica.webhooks.inbox.database-time-budget=500ms",
            "copernica.webhooks.inbox.spool.enabled=false",
            "copernica.webhooks.inbox.spool.directory=build/crm-spool",
            "copernica.webhooks.inbox.spool.quota=2MB")
        .run(context -> {
          assertThat(context).hasNotFailed();
          InboxSettings settings = context.getBean(InboxSettings.class);
          assertThat(settings.tablePrefix()).isEqualTo("crm_");
          assertThat(settings.workers()).isZero();
          assertThat(settings.maxAttempts()).isEqualTo(4);
          assertThat(settings.retryInitialDelay()).isEqualTo(Duration.ofSeconds(3));
          assertThat(settings.retryMaxDelay()).isEqualTo(Duration.ofMinutes(10));
          assertThat(settings.retention()).isEqualTo(Duration.ofDays(1));
          assertThat(settings.deadBodyRetention()).isEqualTo(Duration.ofDays(3));
          assertThat(settings.schemaInitialization()).isEqualTo(SchemaInitialization.ALWAYS);
          assertThat(settings.databaseTimeBudget()).isEqualTo(Duration.ofMillis(500));
          assertThat(settings.spool()).isFalse();
          assertThat(settings.spoolDirectory()).isEqualTo(java.nio.file.Path.of("build/crm-spool"));
          assertThat(settings.spoolQuotaBytes()).isEqualTo(2L << 20);
        });
  }

  @Test
  void createsTheTablesByDefaultOnlyInAnEmbeddedDatabase() {
    DataSource postgresql = TestDatabases.postgresql();
    runner.withBean(DataSource.class, () -> postgresql).withPropertyValues("copernica.webhooks.inbox.enabled=true")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining(InboxSettings.DEFAULT_TABLE_PREFIX));
    runner.withBean(DataSource.class, () -> postgresql)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.inbox.initialize-schema=always")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(InboxSettings.class).schemaInitialization()).isEqualTo(SchemaInitialization.ALWAYS);
          assertThat(context.getBean(InboxOperations.class).countByStatus(java.util.Optional.empty())
              .getOrDefault(InboxStatus.PENDING, 0L)).isZero();
        });
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.inbox.initialize-schema=never")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining(InboxSettings.DEFAULT_TABLE_PREFIX));
  }

  @Test
  void failsToStartNamingWhatIsMissingWithoutADataSource() {
    runner.withPropertyValues("copernica.webhooks.inbox.enabled=true")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(InboxSettingsFactory.MISSING_DATA_SOURCE));
  }

  @Test
  void failsToStartNamingThePropertyOfAValueCoreRefuses() {
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.inbox.table-prefix=crm-")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("copernica.webhooks.inbox.table-prefix: "));
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.inbox.max-attempts=0")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("copernica.webhooks.inbox.max-attempts: "));
  }

  @Test
  void refusesTheInMemoryModesBesideTheInbox() {
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.async.enabled=true")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("copernica.webhooks.async.enabled=true cannot be combined with the inbox"));
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.deduplication.enabled=true")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("copernica.webhooks.deduplication (or an EventDeduplicator bean) cannot be"));
  }

  @Test
  void anInboxSettingsBeanOfTheApplicationTurnsTheInboxOn() {
    InboxSettings own = InboxSettings.builder(TestDatabases.h2())
        .schemaInitialization(SchemaInitialization.ALWAYS).workers(0).build();
    runner.withBean(InboxSettings.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(InboxSettings.class).hasSingleBean(InboxOperations.class);
      assertThat(context.getBean(InboxSettings.class)).isSameAs(own);
      assertThat(context.getBean(WebhookReceiver.class).receive(request(5)).kind()).isEqualTo(Kind.STORED);
    });
  }

  @Test
  void failsToStartWhenTheApplicationsOwnReceiverHasNoInbox() {
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withBean(WebhookReceiver.class, () -> WebhookReceiver.builder().signatureOff().listener(event -> {}).build())
        .withPropertyValues("copernica.webhooks.inbox.enabled=true")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("the WebhookReceiver bean has no inbox"));
  }

  @Test
  void staysOffWhenTheEndpointIsDisabled() {
    runner.withBean(DataSource.class, TestDatabases::h2)
        .withPropertyValues("copernica.webhooks.enabled=false", "copernica.webhooks.inbox.enabled=true")
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(InboxSettings.class)
            .doesNotHaveBean(InboxOperations.class)
            .doesNotHaveBean(CopernicaWebhooksInboxProperties.class));
  }

  /**
   * A call stored by an earlier run (workers 0) is handed to the handler method by the next run's workers:
   * they start once the methods are registered, not when the receiver is built.
   */
  @Test
  void startsTheWorkersOnlyOnceTheHandlerMethodsAreRegistered() {
    String url = TestDatabases.h2Url();
    runner.withBean(DataSource.class, () -> h2(url))
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.inbox.workers=0")
        .run(context -> assertThat(context.getBean(WebhookReceiver.class).receive(request(77)).kind())
            .isEqualTo(Kind.STORED));
    Handled handled = new Handled();
    runner.withBean(DataSource.class, () -> h2(url)).withBean(Handled.class, () -> handled)
        .withPropertyValues("copernica.webhooks.inbox.enabled=true", "copernica.webhooks.inbox.workers=2")
        .run(context -> {
          InboxOperations inbox = context.getBean(InboxOperations.class);
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (inbox.countByStatus(java.util.Optional.empty()).getOrDefault(InboxStatus.HANDLED, 0L) < 1
              && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          assertThat(inbox.countByStatus(java.util.Optional.empty())).containsEntry(InboxStatus.HANDLED, 1L);
        });
    assertThat(handled.profiles).containsExactly(77L);
  }

  private static DataSource h2(String url) {
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    return h2;
  }

  private static WebhookRequest request(long profile) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "localhost")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("type=update&profile=" + profile + "&database=1&timestamp=2026-11-28+08%3A00%3A00")
            .getBytes(StandardCharsets.US_ASCII))
        .build();
  }

  static final class Handled {
    final List<Long> profiles = new CopyOnWriteArrayList<>();

    @CopernicaWebhookHandler
    void updated(ProfileUpdated event) {
      profiles.add(event.profileId());
    }
  }
}
