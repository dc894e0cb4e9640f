package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.spring.CopernicaWebhooksInboxProperties.InitializeSchema;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@link InboxSettings} from {@link CopernicaWebhooksInboxProperties} on the application's
 * DataSource. Core checks every value; a value it refuses fails the start-up naming the property.
 */
final class InboxSettingsFactory {

  static final String MISSING_DATA_SOURCE =
      "copernica.webhooks.inbox.enabled=true, but the application has no DataSource bean (or several and none "
          + "@Primary) for the inbox to store calls in. Add spring-boot-starter-jdbc with a JDBC driver and "
          + "spring.datasource.url (with H2 on the class path and no URL, Spring Boot starts an embedded H2), "
          + "or define a DataSource bean; or set copernica.webhooks.inbox.enabled=false.";

  private static final Log LOG = LogFactory.getLog(InboxSettingsFactory.class);
  private static final String EMBEDDED_DATABASE_CONNECTION = "org.springframework.boot.jdbc.EmbeddedDatabaseConnection";
  private static final String PREFIX = "copernica.webhooks.inbox.";

  private InboxSettingsFactory() {}

  static InboxSettings settings(CopernicaWebhooksInboxProperties properties, @Nullable DataSource dataSource) {
    if (dataSource == null) {
      throw new IllegalStateException(MISSING_DATA_SOURCE);
    }
    InboxSettings.Builder builder = InboxSettings.builder(dataSource);
    checked("table-prefix", () -> builder.tablePrefix(properties.tablePrefix()));
    checked("workers", () -> builder.workers(properties.workers()));
    checked("max-attempts", () -> builder.maxAttempts(properties.maxAttempts()));
    checked("retry.initial-delay", () -> builder.retryInitialDelay(properties.retry().initialDelay()));
    checked("retry.max-delay", () -> builder.retryMaxDelay(properties.retry().maxDelay()));
    checked("retention", () -> builder.retention(properties.retention()));
    checked("dead-body-retention", () -> builder.deadBodyRetention(properties.deadBodyRetention()));
    checked("database-time-budget", () -> builder.databaseTimeBudget(properties.databaseTimeBudget()));
    builder.spool(properties.spool().enabled());
    Path directory = properties.spool().directory();
    if (directory != null) {
      builder.spoolDirectory(directory);
    }
    checked("spool.quota", () -> builder.spoolQuotaBytes(properties.spool().quota().toBytes()));
    // The workers start once the handler methods are registered (InboxWorkers).
    builder.autoStart(false);
    builder.schemaInitialization(createsSchema(properties.initializeSchema(), dataSource)
        ? SchemaInitialization.ALWAYS : SchemaInitialization.NEVER);
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException wrong) {
      throw new IllegalStateException("copernica.webhooks.inbox.*: " + wrong.getMessage(), wrong);
    }
  }

  /** Whether the tables are created at start-up: {@code embedded} asks Spring Boot whether the database is. */
  static boolean createsSchema(InitializeSchema mode, DataSource dataSource) {
    switch (mode) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        return isEmbedded(dataSource);
    }
  }

  private static boolean isEmbedded(DataSource dataSource) {
    if (!ClassUtils.isPresent(EMBEDDED_DATABASE_CONNECTION, InboxSettingsFactory.class.getClassLoader())) {
      LOG.info("copernica.webhooks.inbox.initialize-schema=embedded cannot tell whether the DataSource is embedded "
          + "without spring-boot-jdbc on the class path: the inbox tables are not created; set it to 'always' or "
          + "create them with the scripts in the jar");
      return false;
    }
    return EmbeddedDatabase.isEmbedded(dataSource);
  }

  private static void checked(String property, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException wrong) {
      throw new IllegalStateException(PREFIX + property + ": " + wrong.getMessage(), wrong);
    }
  }

  /** Loaded only when spring-boot-jdbc is present, so that the class above links without it. */
  private static final class EmbeddedDatabase {

    static boolean isEmbedded(DataSource dataSource) {
      return org.springframework.boot.jdbc.EmbeddedDatabaseConnection.isEmbedded(dataSource);
    }
  }
}
