package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The init-params of the durable inbox: on when {@code inbox-datasource} names a container DataSource in
 * JNDI, with the other {@code inbox-*} init-params as its settings (each default is that of
 * {@link InboxSettings}). Core checks every value; a value it refuses names its init-param.
 */
final class InboxInitParams {

  static final String DATASOURCE = "inbox-datasource";
  static final String TABLE_PREFIX = "inbox-table-prefix";
  static final String WORKERS = "inbox-workers";
  static final String MAX_ATTEMPTS = "inbox-max-attempts";
  static final String RETRY_INITIAL_DELAY_SECONDS = "inbox-retry-initial-delay-seconds";
  static final String RETRY_MAX_DELAY_SECONDS = "inbox-retry-max-delay-seconds";
  static final String RETENTION_SECONDS = "inbox-retention-seconds";
  static final String DEAD_BODY_RETENTION_SECONDS = "inbox-dead-body-retention-seconds";
  static final String INITIALIZE_SCHEMA = "inbox-initialize-schema";
  static final String SPOOL = "inbox-spool";
  static final String SPOOL_DIRECTORY = "inbox-spool-directory";
  static final String SPOOL_QUOTA_BYTES = "inbox-spool-quota-bytes";
  static final String DATABASE_TIME_BUDGET_MILLIS = "inbox-database-time-budget-millis";

  /** Every init-param of the inbox. */
  static final Set<String> NAMES = Set.of(DATASOURCE, TABLE_PREFIX, WORKERS, MAX_ATTEMPTS,
      RETRY_INITIAL_DELAY_SECONDS, RETRY_MAX_DELAY_SECONDS, RETENTION_SECONDS, DEAD_BODY_RETENTION_SECONDS, INITIALIZE_SCHEMA, SPOOL,
      SPOOL_DIRECTORY, SPOOL_QUOTA_BYTES, DATABASE_TIME_BUDGET_MILLIS);

  /** Finds the DataSource for the value of {@code inbox-datasource}; the container's JNDI in production. */
  @FunctionalInterface
  interface Lookup {
    DataSource dataSource(String name) throws NamingException;
  }

  private final FilterSettings settings;
  private final Lookup lookup;

  private InboxInitParams(FilterSettings settings, Lookup lookup) {
    this.settings = settings;
    this.lookup = lookup;
  }

  /** Turns the inbox on when {@code inbox-datasource} is set, with the DataSource from the container's JNDI. */
  static void apply(FilterSettings settings, WebhookReceiver.Builder builder) throws ServletException {
    Optional<InboxSettings> inbox = settings(settings, ContainerDataSource::lookUp);
    if (inbox.isPresent()) {
      builder.inbox(inbox.get());
    }
  }

  /** The inbox settings when {@code inbox-datasource} is set; refuses {@code inbox-*} settings without it. */
  static Optional<InboxSettings> settings(FilterSettings settings, Lookup lookup) throws ServletException {
    Optional<String> name = settings.value(DATASOURCE);
    if (name.isEmpty()) {
      for (String setting : NAMES) {
        if (settings.value(setting).isPresent()) {
          throw settings.invalid(setting, "needs the inbox: set '" + DATASOURCE + "' to the JNDI name of a DataSource");
        }
      }
      return Optional.empty();
    }
    for (String excluded : List.of(ResilienceSettings.ASYNC_THREADS, ResilienceSettings.DEDUPLICATE)) {
      if (settings.value(excluded).isPresent()) {
        throw settings.invalid(excluded, "cannot be combined with '" + DATASOURCE
            + "': the inbox stores every call before answering and de-duplicates it in its table");
      }
    }
    return Optional.of(new InboxInitParams(settings, lookup).inboxSettings(name.get()));
  }

  /** Reads every value before looking the DataSource up, so that a typo is named even without the container. */
  private InboxSettings inboxSettings(String jndiName) throws ServletException {
    Optional<String> prefix = settings.value(TABLE_PREFIX);
    int workers = nonNegativeInt(WORKERS, InboxSettings.DEFAULT_WORKERS);
    int maxAttempts = positiveInt(MAX_ATTEMPTS, InboxSettings.DEFAULT_MAX_ATTEMPTS);
    Duration initialDelay = seconds(RETRY_INITIAL_DELAY_SECONDS, InboxSettings.DEFAULT_RETRY_INITIAL_DELAY);
    Duration maxDelay = seconds(RETRY_MAX_DELAY_SECONDS, InboxSettings.DEFAULT_RETRY_MAX_DELAY);
    Duration retention = seconds(RETENTION_SECONDS, InboxSettings.DEFAULT_RETENTION);
    Duration deadBodyRetention = seconds(DEAD_BODY_RETENTION_SECONDS, InboxSettings.DEFAULT_DEAD_BODY_RETENTION);
    SchemaInitialization schema = schemaInitialization();
    boolean spool = spool();
    Optional<String> spoolDirectory = settings.value(SPOOL_DIRECTORY);
    long quota = settings.positiveLong(SPOOL_QUOTA_BYTES, InboxSettings.DEFAULT_SPOOL_QUOTA_BYTES);
    Duration budget = Duration.ofMillis(settings.positiveLong(DATABASE_TIME_BUDGET_MILLIS,
        InboxSettings.DEFAULT_DATABASE_TIME_BUDGET.toMillis()));

    InboxSettings.Builder inbox = InboxSettings.builder(dataSource(jndiName));
    if (prefix.isPresent()) {
      checked(TABLE_PREFIX, prefix.get(), inbox::tablePrefix);
    }
    checked(WORKERS, workers, inbox::workers);
    checked(MAX_ATTEMPTS, maxAttempts, inbox::maxAttempts);
    checked(RETRY_INITIAL_DELAY_SECONDS, initialDelay, inbox::retryInitialDelay);
    checked(RETRY_MAX_DELAY_SECONDS, maxDelay, inbox::retryMaxDelay);
    checked(RETENTION_SECONDS, retention, inbox::retention);
    checked(DEAD_BODY_RETENTION_SECONDS, deadBodyRetention, inbox::deadBodyRetention);
    inbox.schemaInitialization(schema);
    inbox.spool(spool);
    if (spoolDirectory.isPresent()) {
      checked(SPOOL_DIRECTORY, spoolDirectory.get(), directory -> inbox.spoolDirectory(Path.of(directory)));
    }
    checked(SPOOL_QUOTA_BYTES, quota, inbox::spoolQuotaBytes);
    checked(DATABASE_TIME_BUDGET_MILLIS, budget, inbox::databaseTimeBudget);
    try {
      return inbox.build();
    } catch (IllegalArgumentException | IllegalStateException wrong) {
      throw settings.invalid(DATASOURCE, "cannot be used for the inbox: " + wrong.getMessage());
    }
  }

  private DataSource dataSource(String name) throws ServletException {
    try {
      return lookup.dataSource(name);
    } catch (NamingException | ClassCastException wrong) {
      ServletException failure = settings.invalid(DATASOURCE, "names '" + name + "', but no DataSource is bound at "
          + ContainerDataSource.jndiName(name) + " (" + wrong + "): declare it as a container resource (Tomcat: a "
          + "<Resource> in context.xml; Jetty: a Resource in jetty-env.xml) with a <resource-ref> in web.xml");
      failure.initCause(wrong);
      throw failure;
    }
  }

  /** {@code never} unless {@code inbox-initialize-schema} is {@code always}: a container's database is managed. */
  private SchemaInitialization schemaInitialization() throws ServletException {
    String mode = settings.value(INITIALIZE_SCHEMA).orElse("never").toLowerCase(Locale.ROOT);
    if (mode.equals("always")) {
      return SchemaInitialization.ALWAYS;
    }
    if (mode.equals("never")) {
      return SchemaInitialization.NEVER;
    }
    throw settings.invalid(INITIALIZE_SCHEMA, "must be 'always' or 'never', not '" + mode + "'");
  }

  /** On unless {@code inbox-spool} is {@code false}. */
  private boolean spool() throws ServletException {
    String value = settings.value(SPOOL).orElse("true").toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw settings.invalid(SPOOL, "must be 'true' or 'false', not '" + value + "'");
  }

  private Duration seconds(String name, Duration defaultValue) throws ServletException {
    return settings.value(name).isPresent() ? Duration.ofSeconds(settings.positiveLong(name, 1)) : defaultValue;
  }

  private int positiveInt(String name, int defaultValue) throws ServletException {
    return (int) Math.min(Integer.MAX_VALUE, settings.positiveLong(name, defaultValue));
  }

  private int nonNegativeInt(String name, int defaultValue) throws ServletException {
    Optional<String> text = settings.value(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(text.get());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a negative number
    }
    throw settings.invalid(name, "must be a whole number, 0 to only store calls, not '" + text.get() + "'");
  }

  private <T> void checked(String name, T value, Consumer<T> setting) throws ServletException {
    try {
      setting.accept(value);
    } catch (IllegalArgumentException wrong) { // InvalidPathException included
      throw settings.invalid(name, "is refused: " + wrong.getMessage());
    }
  }
}
