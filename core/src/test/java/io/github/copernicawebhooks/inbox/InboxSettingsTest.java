package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class InboxSettingsTest {

  private final JdbcDataSource dataSource = new JdbcDataSource();

  @Test
  void defaultsAreTheNamedConstants() {
    InboxSettings settings = InboxSettings.builder(dataSource).build();

    assertThat(settings.tablePrefix()).isEqualTo(InboxSettings.DEFAULT_TABLE_PREFIX);
    assertThat(settings.inboxTable()).isEqualTo("copernica_webhooks_inbox");
    assertThat(settings.attemptTable()).isEqualTo("copernica_webhooks_inbox_attempt");
    assertThat(settings.workers()).isEqualTo(InboxSettings.DEFAULT_WORKERS);
    assertThat(settings.maxAttempts()).isEqualTo(InboxSettings.DEFAULT_MAX_ATTEMPTS);
    assertThat(settings.retryInitialDelay()).isEqualTo(InboxSettings.DEFAULT_RETRY_INITIAL_DELAY);
    assertThat(settings.retryMaxDelay()).isEqualTo(InboxSettings.DEFAULT_RETRY_MAX_DELAY);
    assertThat(settings.retention()).isEqualTo(InboxSettings.DEFAULT_RETENTION);
    assertThat(settings.lease()).isEqualTo(InboxSettings.DEFAULT_LEASE);
    assertThat(settings.pollInterval()).isEqualTo(InboxSettings.DEFAULT_POLL_INTERVAL);
    assertThat(settings.deduplicationWindow()).isEqualTo(InboxSettings.DEFAULT_DEDUPLICATION_WINDOW);
    assertThat(settings.schemaInitialization()).isEqualTo(SchemaInitialization.NEVER);
    assertThat(settings.autoStart()).isTrue();
    assertThat(settings.spool()).isEqualTo(InboxSettings.DEFAULT_SPOOL).isTrue();
    assertThat(settings.spoolQuotaBytes()).isEqualTo(InboxSettings.DEFAULT_SPOOL_QUOTA_BYTES);
    assertThat(settings.databaseTimeBudget()).isEqualTo(InboxSettings.DEFAULT_DATABASE_TIME_BUDGET);
    assertThat(settings.spoolDirectory()).isEqualTo(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
        InboxSettings.DEFAULT_SPOOL_FOLDER, "copernica_webhooks_inbox"));
    assertThat(settings.instanceId()).contains(Long.toString(ProcessHandle.current().pid()))
        .isNotEqualTo(InboxSettings.builder(dataSource).build().instanceId());
  }

  @Test
  void doublesTheRetryDelayFromTheInitialOneUpToTheMaximum() {
    InboxSettings settings = InboxSettings.builder(dataSource)
        .retryInitialDelay(Duration.ofSeconds(10)).retryMaxDelay(Duration.ofMinutes(1)).build();

    assertThat(settings.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.retryDelay(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.retryDelay(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.retryDelay(4)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.retryDelay(1000)).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> settings.retryDelay(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesValuesThatCannotWork() {
    InboxSettings.Builder builder = InboxSettings.builder(dataSource);

    assertThatThrownBy(() -> builder.tablePrefix("my-app")).hasMessageContaining("letters, digits and underscores");
    assertThatThrownBy(() -> builder.workers(-1)).hasMessageContaining("workers");
    assertThatThrownBy(() -> builder.maxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> builder.lease(Duration.ofMillis(500))).hasMessageContaining("at least 1 second");
    assertThatThrownBy(() -> builder.retention(Duration.ZERO)).hasMessageContaining("retention");
    assertThatThrownBy(() -> builder.retryInitialDelay(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    assertThatThrownBy(() -> builder.instanceId(" ")).hasMessageContaining("instance id");
    assertThatThrownBy(() -> builder.spoolQuotaBytes(1000)).hasMessageContaining("at least 1 MiB");
    assertThatThrownBy(() -> builder.databaseTimeBudget(Duration.ZERO)).hasMessageContaining("databaseTimeBudget");
    assertThatThrownBy(() -> builder.databaseTimeBudget(Duration.ofMinutes(2))).hasMessageContaining("at most 1 minute");
    assertThatThrownBy(() -> InboxSettings.builder(dataSource).retryInitialDelay(Duration.ofMinutes(5))
        .retryMaxDelay(Duration.ofMinutes(1)).build()).hasMessageContaining("shorter than retryInitialDelay");
  }
}
