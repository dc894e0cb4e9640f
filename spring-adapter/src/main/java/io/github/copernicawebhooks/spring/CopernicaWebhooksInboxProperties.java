package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.inbox.InboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the durable inbox, bound from {@code copernica.webhooks.inbox.*}. With the inbox on, every
 * verified call is committed to the application's database (its {@code DataSource} bean) before it is
 * answered 200, and worker threads call the handler methods from there, retrying failures with backoff.
 * The inbox runs its own short JDBC transactions on the DataSource, apart from the application's
 * transaction manager; handler methods run outside any transaction and may start their own. The defaults
 * are those of {@link InboxSettings}. The parameter descriptions below become the configuration metadata
 * IDEs show.
 *
 * @param enabled Whether to store every verified call in the application's DataSource before answering
 *     200 and to call the handlers from there, retrying failures (at-least-once delivery).
 * @param initializeSchema When to create the inbox tables at start-up: 'embedded' only for an embedded
 *     database (H2, HSQLDB or Derby in memory), 'always', or 'never' (create them with the scripts in the
 *     jar, from Flyway or Liquibase).
 * @param tablePrefix Prefix of the inbox's table names: letters, digits and underscores.
 * @param workers Threads of this instance that handle stored calls; 0 stores calls only, for another
 *     instance on the same database to handle.
 * @param maxAttempts Attempts to handle a stored call before it is kept as dead, for a person to retry.
 * @param retry Backoff between the attempts to handle a stored call.
 * @param retention How long handled calls are kept; dead calls are kept until purged.
 * @param deadBodyRetention How long a dead call keeps its body, headers and remote address after its last
 *     attempt; the row and its errors stay until purged.
 * @param databaseTimeBudget How long a call waits for the database before it is spooled to local disk
 *     instead.
 * @param spool The local durable spool that takes calls while the database is away.
 */
@ConfigurationProperties("copernica.webhooks.inbox")
public record CopernicaWebhooksInboxProperties(
    boolean enabled,
    InitializeSchema initializeSchema,
    String tablePrefix,
    int workers,
    int maxAttempts,
    Retry retry,
    Duration retention,
    Duration deadBodyRetention,
    Duration databaseTimeBudget,
    Spool spool) {

  /**
   * Binds the settings. The defaults are read from the constants of {@link InboxSettings}; a duration,
   * which an annotation cannot hold, is that default when unset.
   */
  public CopernicaWebhooksInboxProperties(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("embedded") InitializeSchema initializeSchema,
      @DefaultValue(InboxSettings.DEFAULT_TABLE_PREFIX) String tablePrefix,
      @DefaultValue("" + InboxSettings.DEFAULT_WORKERS) int workers,
      @DefaultValue("" + InboxSettings.DEFAULT_MAX_ATTEMPTS) int maxAttempts,
      @DefaultValue Retry retry,
      @Nullable Duration retention,
      @Nullable Duration deadBodyRetention,
      @Nullable Duration databaseTimeBudget,
      @DefaultValue Spool spool) {
    this.enabled = enabled;
    this.initializeSchema = initializeSchema;
    this.tablePrefix = tablePrefix;
    this.workers = workers;
    this.maxAttempts = maxAttempts;
    this.retry = retry;
    this.retention = Objects.requireNonNullElse(retention, InboxSettings.DEFAULT_RETENTION);
    this.deadBodyRetention = Objects.requireNonNullElse(deadBodyRetention,
        InboxSettings.DEFAULT_DEAD_BODY_RETENTION);
    this.databaseTimeBudget = Objects.requireNonNullElse(databaseTimeBudget,
        InboxSettings.DEFAULT_DATABASE_TIME_BUDGET);
    this.spool = spool;
  }

  /**
   * The local durable spool, bound from {@code copernica.webhooks.inbox.spool.*}: while the database is
   * away or slower than the time budget, a call is appended to a file on local disk, fsynced and answered
   * 200, and moved into the table once the database is back.
   *
   * @param enabled Whether calls the database cannot take in time are spooled; off, they are answered 503.
   * @param directory Where the spool is kept, on a persistent local disk; unset, a folder
   *     copernica-webhooks-spool/(inbox table) under java.io.tmpdir.
   * @param quota The most one instance's spool may hold; past it calls are answered 503.
   */
  public record Spool(boolean enabled, @Nullable Path directory, DataSize quota) {

    /** Binds the spool; an unset quota is the default of {@link InboxSettings}. */
    public Spool(@DefaultValue("" + InboxSettings.DEFAULT_SPOOL) boolean enabled, @Nullable Path directory,
        @Nullable DataSize quota) {
      this.enabled = enabled;
      this.directory = directory;
      this.quota = Objects.requireNonNullElse(quota, DataSize.ofBytes(InboxSettings.DEFAULT_SPOOL_QUOTA_BYTES));
    }
  }

  /**
   * Backoff between attempts, bound from {@code copernica.webhooks.inbox.retry.*}: the delay doubles after
   * every failed attempt, from the initial delay up to the max delay.
   *
   * @param initialDelay Delay before the second attempt to handle a stored call.
   * @param maxDelay Longest delay between two attempts.
   */
  public record Retry(Duration initialDelay, Duration maxDelay) {

    /** Binds the backoff; an unset delay is the default of {@link InboxSettings}. */
    public Retry(@Nullable Duration initialDelay, @Nullable Duration maxDelay) {
      this.initialDelay = Objects.requireNonNullElse(initialDelay, InboxSettings.DEFAULT_RETRY_INITIAL_DELAY);
      this.maxDelay = Objects.requireNonNullElse(maxDelay, InboxSettings.DEFAULT_RETRY_MAX_DELAY);
    }
  }

  /** When the inbox tables are created at start-up, as Spring Session JDBC and Spring Batch decide it. */
  public enum InitializeSchema {
    /** Only when the DataSource is an embedded database (H2, HSQLDB or Derby in memory); the default. */
    EMBEDDED,
    /** Always: tables that do not exist yet are created. */
    ALWAYS,
    /** Never: the tables are created by the application's migrations (Flyway, Liquibase) or by hand. */
    NEVER
  }
}
