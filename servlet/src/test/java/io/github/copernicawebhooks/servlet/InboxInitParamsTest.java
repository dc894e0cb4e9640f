package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.servlet.TestDatabase.Kind;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The inbox init-params, read without a container: the DataSource comes from a lookup the test gives. */
class InboxInitParamsTest {

  private final DataSource dataSource = TestDatabase.fresh(Kind.H2).dataSource();
  private final List<String> looked = new ArrayList<>();

  @Test
  void leavesTheInboxOffWithoutADataSource() throws Exception {
    assertThat(InboxInitParams.settings(FilterSettings.from(unsigned()), this::lookUp)).isEmpty();
    assertThat(looked).isEmpty();
  }

  @Test
  void usesTheDefaultsOfCoreForEveryUnsetInitParam() throws Exception {
    InboxSettings settings = settings(unsigned().with("inbox-datasource", "jdbc/webhooks"));

    assertThat(looked).containsExactly("jdbc/webhooks");
    assertThat(settings.dataSource()).isSameAs(dataSource);
    assertThat(settings.tablePrefix()).isEqualTo(InboxSettings.DEFAULT_TABLE_PREFIX);
    assertThat(settings.workers()).isEqualTo(InboxSettings.DEFAULT_WORKERS);
    assertThat(settings.maxAttempts()).isEqualTo(InboxSettings.DEFAULT_MAX_ATTEMPTS);
    assertThat(settings.retryInitialDelay()).isEqualTo(InboxSettings.DEFAULT_RETRY_INITIAL_DELAY);
    assertThat(settings.retryMaxDelay()).isEqualTo(InboxSettings.DEFAULT_RETRY_MAX_DELAY);
    assertThat(settings.retention()).isEqualTo(InboxSettings.DEFAULT_RETENTION);
    assertThat(settings.deadBodyRetention()).isEqualTo(InboxSettings.DEFAULT_DEAD_BODY_RETENTION);
    assertThat(settings.schemaInitialization()).isEqualTo(SchemaInitialization.NEVER);
    assertThat(settings.spool()).isEqualTo(InboxSettings.DEFAULT_SPOOL);
    assertThat(settings.spoolQuotaBytes()).isEqualTo(InboxSettings.DEFAULT_SPOOL_QUOTA_BYTES);
    assertThat(settings.databaseTimeBudget()).isEqualTo(InboxSettings.DEFAULT_DATABASE_TIME_BUDGET);
  }

  @Test
  void readsEveryInboxInitParam() throws Exception {
    InboxSettings settings = settings(unsigned()
        .with("inbox-datasource", "java:comp/env/jdbc/crm")
        .with("inbox-table-prefix", "crm_")
        .with("inbox-workers", "0")
        .with("inbox-max-attempts", "4")
        .with("inbox-retry-initial-delay-seconds", "3")
        .with("inbox-retry-max-delay-seconds", "600")
        .with("inbox-retention-seconds", "86400")
        .with("inbox-dead-body-retention-seconds", "259200")
        .with("inbox-initialize-schema", "ALWAYS")
        .with("inbox-spool", "false")
        .with("inbox-spool-directory", "/var/lib/crm/spool")
        .with("inbox-spool-quota-bytes", "2097152")
        .with("inbox-database-time-budget-millis", "500"));

    assertThat(looked).containsExactly("java:comp/env/jdbc/crm");
    assertThat(settings.spool()).isFalse();
    assertThat(settings.spoolDirectory()).isEqualTo(java.nio.file.Path.of("/var/lib/crm/spool"));
    assertThat(settings.spoolQuotaBytes()).isEqualTo(2L << 20);
    assertThat(settings.databaseTimeBudget()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.tablePrefix()).isEqualTo("crm_");
    assertThat(settings.workers()).isZero();
    assertThat(settings.maxAttempts()).isEqualTo(4);
    assertThat(settings.retryInitialDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.retryMaxDelay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.retention()).isEqualTo(Duration.ofDays(1));
    assertThat(settings.deadBodyRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(settings.schemaInitialization()).isEqualTo(SchemaInitialization.ALWAYS);
  }

  @Test
  void namesTheInitParamOfAWrongValueBeforeLookingTheDataSourceUp() {
    TestFilterConfig inbox = unsigned().with("inbox-datasource", "jdbc/webhooks");
    assertFails(inbox.with("inbox-workers", "-1"), "init-param 'inbox-workers' must be a whole number, 0 to only store");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-max-attempts", "0"),
        "init-param 'inbox-max-attempts' must be a positive whole number");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-retry-initial-delay-seconds", "PT10S"),
        "init-param 'inbox-retry-initial-delay-seconds' must be a positive whole number, not 'PT10S'");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-retention-seconds", "0"),
        "init-param 'inbox-retention-seconds' must be a positive whole number");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-spool", "yes"),
        "init-param 'inbox-spool' must be 'true' or 'false', not 'yes'");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-spool-quota-bytes", "1GiB"),
        "init-param 'inbox-spool-quota-bytes' must be a positive whole number");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-initialize-schema", "embedded"),
        "init-param 'inbox-initialize-schema' must be 'always' or 'never', not 'embedded'");
    assertThat(looked).isEmpty();
  }

  @Test
  void namesTheInitParamOfAValueCoreRefuses() {
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("inbox-table-prefix", "drop table;"),
        "init-param 'inbox-table-prefix' is refused: ");
  }

  @Test
  void refusesInboxSettingsWithoutTheDataSourceAndModesItReplaces() {
    assertFails(unsigned().with("inbox-workers", "4"),
        "init-param 'inbox-workers' needs the inbox: set 'inbox-datasource'");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("async-threads", "4"),
        "init-param 'async-threads' cannot be combined with 'inbox-datasource'");
    assertFails(unsigned().with("inbox-datasource", "jdbc/webhooks").with("deduplicate", "true"),
        "init-param 'deduplicate' cannot be combined with 'inbox-datasource'");
  }

  @Test
  void namesTheJndiNameThatIsNotBound() {
    assertThatThrownBy(() -> InboxInitParams.settings(
            FilterSettings.from(unsigned().with("inbox-datasource", "jdbc/missing")), name -> {
              throw new NameNotFoundException(name);
            }))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("init-param 'inbox-datasource' names 'jdbc/missing', but no DataSource is bound at "
            + "java:comp/env/jdbc/missing")
        .hasCauseInstanceOf(NameNotFoundException.class);
  }

  @Test
  void failsTheFilterWhenNoNamingServiceIsAvailable() {
    assertThatThrownBy(() -> new CopernicaWebhookFilter().init(unsigned().with("inbox-datasource", "jdbc/webhooks")))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("init-param 'inbox-datasource' names 'jdbc/webhooks', but no DataSource is bound");
  }

  @Test
  void stillRefusesAnUnknownInitParamAndListsTheInboxOnes() {
    assertThatThrownBy(() -> FilterSettings.from(unsigned().with("inbox-worker", "2")))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("init-param 'inbox-worker' is not known")
        .hasMessageContaining("inbox-workers")
        .hasMessageContaining("inbox-datasource");
  }

  private DataSource lookUp(String name) {
    looked.add(name);
    return dataSource;
  }

  private InboxSettings settings(TestFilterConfig config) throws ServletException {
    return InboxInitParams.settings(FilterSettings.from(config), this::lookUp).orElseThrow();
  }

  private void assertFails(TestFilterConfig config, String fragment) {
    assertThatThrownBy(() -> settings(config)).isInstanceOf(ServletException.class).hasMessageContaining(fragment);
  }

  private static TestFilterConfig unsigned() {
    return new TestFilterConfig()
        .with("listener", RecordingListener.class.getName())
        .with("signature", "off");
  }
}
