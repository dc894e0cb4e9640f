package io.github.copernicawebhooks.inbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Configuration of a durable inbox on a JDBC {@link DataSource}: immutable, built once and given to
 * {@link io.github.copernicawebhooks.WebhookReceiver.Builder#inbox(InboxSettings)}.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(verifier)
 *     .listener(dispatcher)
 *     .inbox(InboxSettings.builder(dataSource).schemaInitialization(SchemaInitialization.ALWAYS).build())
 *     .build();
 * }</pre>
 */
public final class InboxSettings {

  /** The prefix of the table names unless configured otherwise: tables {@code copernica_webhooks_inbox} and {@code copernica_webhooks_inbox_attempt}. */
  public static final String DEFAULT_TABLE_PREFIX = "copernica_webhooks_";
  /** Worker threads per instance that call the handlers, unless configured otherwise. */
  public static final int DEFAULT_WORKERS = 2;
  /** Attempts before an event is dead, unless configured otherwise. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** The wait after the first failed attempt; it doubles with each further one. */
  public static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofSeconds(10);
  /** The longest wait between two attempts. */
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofHours(1);
  /**
   * How long handled events are kept before housekeeping deletes them (of one still within its de-duplication
   * window, only its keys are kept until the window ends); dead ones are kept until purged.
   */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  /** How long a dead event keeps its body (and headers) after its last attempt; then only its row is kept. */
  public static final Duration DEFAULT_DEAD_BODY_RETENTION = Duration.ofDays(30);
  /** How long a claimed event stays with its worker without a heartbeat; heartbeats renew it while the instance lives. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
  /** How often an idle worker looks for due events stored by other instances or due for a retry. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  /** How long a stored body is recognised as a duplicate. */
  public static final Duration DEFAULT_DEDUPLICATION_WINDOW = Duration.ofHours(24);

  /** Whether calls the database cannot take in time are spooled to local disk, unless configured otherwise. */
  public static final boolean DEFAULT_SPOOL = true;
  /** The most the local spool file may hold before calls are answered 503: 1 GiB. */
  public static final long DEFAULT_SPOOL_QUOTA_BYTES = 1L << 30;
  /** How long a call waits for the database before it is spooled instead. */
  public static final Duration DEFAULT_DATABASE_TIME_BUDGET = Duration.ofSeconds(2);
  /** The folder under {@code java.io.tmpdir} that holds the default spool directories, one per inbox table. */
  public static final String DEFAULT_SPOOL_FOLDER = "copernica-webhooks-spool";

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");

  private final DataSource dataSource;
  private final String tablePrefix;
  private final int workers;
  private final int maxAttempts;
  private final Duration retryInitialDelay;
  private final Duration retryMaxDelay;
  private final Duration retention;
  private final Duration deadBodyRetention;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration deduplicationWindow;
  private final SchemaInitialization schemaInitialization;
  private final Clock clock;
  private final String instanceId;
  private final boolean autoStart;
  private final boolean spool;
  private final Path spoolDirectory;
  private final long spoolQuotaBytes;
  private final Duration databaseTimeBudget;

  private InboxSettings(Builder builder) {
    this.dataSource = builder.dataSource;
    this.tablePrefix = builder.tablePrefix;
    this.workers = builder.workers;
    this.maxAttempts = builder.maxAttempts;
    this.retryInitialDelay = builder.retryInitialDelay;
    this.retryMaxDelay = builder.retryMaxDelay;
    this.retention = builder.retention;
    this.deadBodyRetention = builder.deadBodyRetention;
    this.lease = builder.lease;
    this.pollInterval = builder.pollInterval;
    this.deduplicationWindow = builder.deduplicationWindow;
    this.schemaInitialization = builder.schemaInitialization;
    this.clock = builder.clock;
    this.instanceId = builder.instanceId != null ? builder.instanceId : defaultInstanceId();
    this.autoStart = builder.autoStart;
    this.spool = builder.spool;
    this.spoolDirectory = builder.spoolDirectory != null ? builder.spoolDirectory
        : Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_SPOOL_FOLDER, inboxTable());
    this.spoolQuotaBytes = builder.spoolQuotaBytes;
    this.databaseTimeBudget = builder.databaseTimeBudget;
  }

  /** A builder for an inbox on this data source, with every default. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Where the tables are. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The prefix of both table names. */
  public String tablePrefix() {
    return tablePrefix;
  }

  /** The name of the table of stored events: the prefix followed by {@code inbox}. */
  public String inboxTable() {
    return tablePrefix + "inbox";
  }

  /** The name of the table of handler attempts: the prefix followed by {@code inbox_attempt}. */
  public String attemptTable() {
    return tablePrefix + "inbox_attempt";
  }

  /** Worker threads on this instance; 0 stores events without handling any here. */
  public int workers() {
    return workers;
  }

  /** Attempts before an event is dead. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait after the first failed attempt. */
  public Duration retryInitialDelay() {
    return retryInitialDelay;
  }

  /** The longest wait between attempts. */
  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  /** How long handled events are kept. */
  public Duration retention() {
    return retention;
  }

  /** How long a dead event keeps its body and headers after its last attempt. */
  public Duration deadBodyRetention() {
    return deadBodyRetention;
  }

  /** How long a claim lasts without a heartbeat. */
  public Duration lease() {
    return lease;
  }

  /** How often idle workers look for due events. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** How long a body is recognised as a duplicate. */
  public Duration deduplicationWindow() {
    return deduplicationWindow;
  }

  /** Whether the tables are created at start-up. */
  public SchemaInitialization schemaInitialization() {
    return schemaInitialization;
  }

  /** The clock of received times, attempts and leases. */
  public Clock clock() {
    return clock;
  }

  /** The name of this instance in leases and attempts. */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Whether building the receiver starts the workers; when not, {@link
   * io.github.copernicawebhooks.WebhookReceiver#start()} does.
   */
  public boolean autoStart() {
    return autoStart;
  }

  /** Whether calls the database cannot take within the time budget are spooled to local disk. */
  public boolean spool() {
    return spool;
  }

  /**
   * Where the spool is kept: a directory with one slot per running instance; by default {@code
   * copernica-webhooks-spool/<inbox table>} under {@code java.io.tmpdir}.
   */
  public Path spoolDirectory() {
    return spoolDirectory;
  }

  /** The most one instance's spool file may hold. */
  public long spoolQuotaBytes() {
    return spoolQuotaBytes;
  }

  /** How long a call waits for the database (connection and statements) before it is spooled. */
  public Duration databaseTimeBudget() {
    return databaseTimeBudget;
  }

  /**
   * The wait before attempt {@code attempt + 1} after attempt {@code attempt} (from 1) failed: the
   * initial delay doubled for each earlier failure, at most the maximum delay.
   */
  public Duration retryDelay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1: " + attempt);
    }
    Duration delay = retryInitialDelay;
    for (int failure = 1; failure < attempt && delay.compareTo(retryMaxDelay) < 0; failure++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
  }

  @Override
  public String toString() {
    return "InboxSettings[table=" + inboxTable() + ", workers=" + workers + ", maxAttempts=" + maxAttempts
        + ", retry=" + retryInitialDelay + ".." + retryMaxDelay + ", retention=" + retention + ", deadBodyRetention=" + deadBodyRetention + ", lease=" + lease
        + ", pollInterval=" + pollInterval + ", deduplicationWindow=" + deduplicationWindow
        + ", schemaInitialization=" + schemaInitialization + ", instanceId=" + instanceId + ", spool=" + spool
        + ", spoolDirectory=" + spoolDirectory + ", spoolQuotaBytes=" + spoolQuotaBytes + ", databaseTimeBudget="
        + databaseTimeBudget + "]";
  }

  /** The host name, the process id and a random part, so that two instances on one host differ. */
  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | RuntimeException unknown) {
      host = "unknown-host";
    }
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    String id = host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    return id.length() > 200 ? id.substring(id.length() - 200) : id;
  }

  /** Builds {@link InboxSettings}; every setting has a default. */
  public static final class Builder {
    private final DataSource dataSource;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private int workers = DEFAULT_WORKERS;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration retryInitialDelay = DEFAULT_RETRY_INITIAL_DELAY;
    private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
    private Duration retention = DEFAULT_RETENTION;
    private Duration deadBodyRetention = DEFAULT_DEAD_BODY_RETENTION;
    private Duration lease = DEFAULT_LEASE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration deduplicationWindow = DEFAULT_DEDUPLICATION_WINDOW;
    private SchemaInitialization schemaInitialization = SchemaInitialization.NEVER;
    private Clock clock = Clock.systemUTC();
    private @org.jspecify.annotations.Nullable String instanceId;
    private boolean autoStart = true;
    private boolean spool = DEFAULT_SPOOL;
    private @org.jspecify.annotations.Nullable Path spoolDirectory;
    private long spoolQuotaBytes = DEFAULT_SPOOL_QUOTA_BYTES;
    private Duration databaseTimeBudget = DEFAULT_DATABASE_TIME_BUDGET;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The prefix of both table names, letters, digits and underscores; default {@link #DEFAULT_TABLE_PREFIX}. */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = validatePrefix(prefix);
      return this;
    }

    static String validatePrefix(String prefix) {
      if (!PREFIX.matcher(prefix).matches() || prefix.length() > 40) {
        throw new IllegalArgumentException(
            "table prefix may hold only letters, digits and underscores (at most 40): '" + prefix + "'");
      }
      return prefix;
    }

    /** Worker threads on this instance, at least 0 (store only); default {@link #DEFAULT_WORKERS}. */
    public Builder workers(int workers) {
      if (workers < 0) {
        throw new IllegalArgumentException("inbox workers must not be negative: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** Attempts before an event is dead, at least 1; default {@link #DEFAULT_MAX_ATTEMPTS}. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("inbox maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The wait after the first failed attempt; default {@link #DEFAULT_RETRY_INITIAL_DELAY}. */
    public Builder retryInitialDelay(Duration delay) {
      this.retryInitialDelay = notNegative(delay, "retryInitialDelay");
      return this;
    }

    /** The longest wait between attempts; default {@link #DEFAULT_RETRY_MAX_DELAY}. */
    public Builder retryMaxDelay(Duration delay) {
      this.retryMaxDelay = notNegative(delay, "retryMaxDelay");
      return this;
    }

    /**
     * How long handled events are kept; default {@link #DEFAULT_RETENTION}. Dead events are kept until purged
     * (their bodies for {@link #deadBodyRetention}).
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /**
     * How long a dead event keeps its body and headers after its last attempt; default {@link
     * #DEFAULT_DEAD_BODY_RETENTION}. Then they are cleared and the row is kept, with its error and attempts;
     * such an event can no longer be retried.
     */
    public Builder deadBodyRetention(Duration retention) {
      this.deadBodyRetention = positive(retention, "deadBodyRetention");
      return this;
    }

    /** How long a claim lasts without a heartbeat, at least one second; default {@link #DEFAULT_LEASE}. */
    public Builder lease(Duration lease) {
      if (positive(lease, "lease").compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("inbox lease must be at least 1 second: " + lease);
      }
      this.lease = lease;
      return this;
    }

    /** How often idle workers look for due events; default {@link #DEFAULT_POLL_INTERVAL}. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /** How long a stored body is recognised as a duplicate; default {@link #DEFAULT_DEDUPLICATION_WINDOW}. */
    public Builder deduplicationWindow(Duration window) {
      this.deduplicationWindow = positive(window, "deduplicationWindow");
      return this;
    }

    /** Whether the tables are created at start-up; default {@link SchemaInitialization#NEVER}. */
    public Builder schemaInitialization(SchemaInitialization mode) {
      this.schemaInitialization = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The clock of received times, attempts and leases; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The name of this instance in leases and attempts; default the host name, the process id and a random part. */
    public Builder instanceId(String id) {
      if (id.isBlank() || id.length() > 200) {
        throw new IllegalArgumentException("instance id must be 1 to 200 characters: '" + id + "'");
      }
      this.instanceId = id;
      return this;
    }

    /**
     * Whether building the receiver starts the workers (default {@code true}). Frameworks that register
     * handlers after the receiver is built turn it off and call {@link
     * io.github.copernicawebhooks.WebhookReceiver#start()} once the handlers are in place.
     */
    public Builder autoStart(boolean autoStart) {
      this.autoStart = autoStart;
      return this;
    }

    /**
     * Whether a call that the database cannot take within the {@linkplain #databaseTimeBudget time budget}
     * (or while it is known to be down) is appended to a local spool file, fsynced, answered 200 and moved
     * into the table once the database is back; default {@link #DEFAULT_SPOOL}. Off, such a call is
     * answered 503, and the receiver does not start while the database cannot be reached.
     */
    public Builder spool(boolean spool) {
      this.spool = spool;
      return this;
    }

    /**
     * Where the spool is kept; default {@code copernica-webhooks-spool/<inbox table>} under {@code
     * java.io.tmpdir}. Choose a directory on a persistent local disk that survives a reboot (a temporary
     * directory may be emptied then), one per application: an instance that starts drains what an instance
     * of the same directory left behind, into its own database.
     */
    public Builder spoolDirectory(Path directory) {
      this.spoolDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The most one instance's spool file may hold, at least 1 MiB; default {@link #DEFAULT_SPOOL_QUOTA_BYTES}. */
    public Builder spoolQuotaBytes(long bytes) {
      if (bytes < (1L << 20)) {
        throw new IllegalArgumentException("inbox spoolQuotaBytes must be at least 1 MiB: " + bytes);
      }
      this.spoolQuotaBytes = bytes;
      return this;
    }

    /**
     * How long a call waits for the database before it is spooled, at most a minute; default {@link
     * #DEFAULT_DATABASE_TIME_BUDGET}.
     */
    public Builder databaseTimeBudget(Duration budget) {
      if (positive(budget, "databaseTimeBudget").compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("inbox databaseTimeBudget must be at most 1 minute: " + budget);
      }
      this.databaseTimeBudget = budget;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when the maximum retry delay is shorter than the initial one
     */
    public InboxSettings build() {
      if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
        throw new IllegalArgumentException("inbox retryMaxDelay " + retryMaxDelay
            + " is shorter than retryInitialDelay " + retryInitialDelay);
      }
      return new InboxSettings(this);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("inbox " + name + " must be positive: " + duration);
      }
      return duration;
    }

    private static Duration notNegative(Duration duration, String name) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("inbox " + name + " must not be negative: " + duration);
      }
      return duration;
    }
  }
}
