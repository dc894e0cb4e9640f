package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.signature.ReplayToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One receiver's inbox: the store on the request path, the workers, the heartbeat and housekeeping, and the
 * operations. Not API: {@link io.github.copernicawebhooks.WebhookReceiver} builds and drives it.
 */
public final class InboxEngine {

  /** What became of a call given to {@link #store}. */
  public enum StoreResult {
    /** Committed. */
    STORED,
    /** The same body was stored within the de-duplication window; nothing stored. */
    DUPLICATE,
    /** The same replay token (nonce) was stored within its window; nothing stored. */
    REPLAYED,
    /**
     * The database was away, slow or known to be down, so the call was appended to the local spool and is
     * on disk; it is moved into the table when the database is back.
     */
    SPOOLED,
    /** The database failed and the spool is off, full or unwritable; nothing stored. */
    UNAVAILABLE
  }

  private static final long MAX_HOUSEKEEPING_MILLIS = TimeUnit.MINUTES.toMillis(1);
  private static final int HOUSEKEEPING_BATCH = 1000;

  private final InboxSettings settings;
  private final Sql sql;
  private final InboxStore store;
  private final JdbcInboxOperations operations;
  private final @Nullable Workers workers;
  private final RowWriter writer;
  private final ScheduledThreadPoolExecutor scheduler;
  private final FailureLog heartbeatFailures = InboxLog.failures("heartbeat");
  private final FailureLog housekeepingFailures = InboxLog.failures("housekeeping");
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private InboxEngine(InboxSettings settings, Sql sql, WebhookParser parser, WebhookListener listener) {
    this.settings = settings;
    this.sql = sql;
    this.store = new InboxStore(settings, sql);
    this.operations = new JdbcInboxOperations(settings, sql);
    this.workers = settings.workers() > 0
        ? new Workers(settings, sql, new Attempt(settings, parser, listener))
        : null;
    this.writer = new RowWriter(sql, settings);
    AtomicInteger count = new AtomicInteger();
    this.scheduler = new ScheduledThreadPoolExecutor(2, task -> {
      Thread thread = new Thread(task, "copernica-webhooks-inbox-scheduler-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Finds the database, creates the tables when the settings ask for it and checks that they exist.
   *
   * @throws IllegalStateException when the database cannot be reached, a table is missing (naming it and the
   *     script that creates it), or the database is not one the inbox supports
   */
  public static InboxEngine open(InboxSettings settings, WebhookParser parser, WebhookListener listener) {
    try {
      return connect(settings, parser, listener);
    } catch (SQLException unreachable) {
      throw unreachable(settings, unreachable);
    }
  }

  static IllegalStateException unreachable(InboxSettings settings, SQLException failure) {
    return new IllegalStateException("the webhook inbox database cannot be reached to check table "
        + settings.inboxTable() + ": " + InboxLog.message(failure), failure);
  }

  /**
   * Like {@link #open}, but a database that cannot be reached is an {@link SQLException}, for the caller to
   * try again later, while a schema problem stays an {@link IllegalStateException}.
   */
  static InboxEngine connect(InboxSettings settings, WebhookParser parser, WebhookListener listener)
      throws SQLException {
    try (Connection connection = settings.dataSource().getConnection()) {
      Dialect dialect = Dialect.of(connection);
      Sql sql = new Sql(settings, dialect);
      Schema.prepare(connection, settings, dialect, sql);
      return new InboxEngine(settings, sql, parser, listener);
    }
  }

  /** Starts the workers, the heartbeat and housekeeping; a second call does nothing. */
  public void start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      return;
    }
    long heartbeat = Math.max(200, settings.lease().toMillis() / 3);
    long shortest = Math.min(settings.retention().toMillis(), settings.deadBodyRetention().toMillis());
    long housekeeping = Math.min(MAX_HOUSEKEEPING_MILLIS, Math.max(1000, shortest / 4));
    if (workers != null) {
      workers.start();
      scheduler.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }
    scheduler.scheduleWithFixedDelay(this::housekeeping, housekeeping, housekeeping, TimeUnit.MILLISECONDS);
    InboxLog.started(settings.inboxTable(), settings.instanceId(), settings.workers());
  }

  /** Writes the call into the inbox; never throws. */
  public StoreResult store(WebhookRequest request, WebhookEvent event, Optional<ReplayToken> replayToken) {
    return store(InboxCall.of(request, event, replayToken, settings.clock().millis()));
  }

  /** Writes a call, taken now or from the spool, into the inbox; never throws. */
  StoreResult store(InboxCall call) {
    StoreResult result = store.store(call);
    if (result == StoreResult.STORED && workers != null) {
      workers.signal();
    }
    return result;
  }

  /** The operations on this inbox's table. */
  public InboxOperations operations() {
    return operations;
  }

  /** Stops the workers gracefully (see {@link Workers#close}); a second call does nothing. */
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (workers != null && started.get()) {
      workers.close(timeout);
    }
    scheduler.shutdownNow();
  }

  private void heartbeat() {
    if (workers == null) {
      return;
    }
    List<Long> held = workers.heldIds();
    if (held.isEmpty()) {
      return;
    }
    try (Connection connection = settings.dataSource().getConnection()) {
      connection.setAutoCommit(true);
      writer.heartbeat(connection, held, settings.clock().millis() + settings.lease().toMillis());
      heartbeatFailures.succeeded();
    } catch (SQLException | RuntimeException failure) {
      heartbeatFailures.failed(failure);
    }
  }

  /**
   * Deletes handled rows past retention, or purges them down to their keys while those live; clears the bodies
   * of rows dead for longer than their retention; deletes purged rows once their keys expired. A bounded batch
   * per statement.
   */
  void housekeeping() {
    long now = settings.clock().millis();
    long horizon = now - settings.retention().toMillis();
    long deadHorizon = now - settings.deadBodyRetention().toMillis();
    try (Connection connection = settings.dataSource().getConnection()) {
      connection.setAutoCommit(true);
      int deleted = inBatches(connection, sql.housekeeping(HOUSEKEEPING_BATCH), horizon, horizon, now, now);
      int purged = inBatches(connection, sql.purgeHandled(HOUSEKEEPING_BATCH), Sql.NO_BODY, horizon, horizon);
      int bodies = inBatches(connection, sql.purgeDeadBodies(HOUSEKEEPING_BATCH), Sql.NO_BODY, deadHorizon);
      if (purged > 0) {
        inBatches(connection, sql.deletePurgedAttempts());
      }
      deleted += inBatches(connection, sql.deletePurged(HOUSEKEEPING_BATCH), now, now);
      if (deleted + purged + bodies > 0) {
        InboxLog.purged(deleted, purged, bodies);
      }
      housekeepingFailures.succeeded();
    } catch (SQLException | RuntimeException failure) {
      housekeepingFailures.failed(failure);
    }
  }

  /** Runs a bounded statement until it changes less than a batch; how many rows it changed. */
  private int inBatches(Connection connection, String statement, Object... parameters) throws SQLException {
    int changed;
    int total = 0;
    try (PreparedStatement batch = connection.prepareStatement(statement)) {
      do {
        for (int i = 0; i < parameters.length; i++) {
          batch.setObject(i + 1, parameters[i]);
        }
        changed = batch.executeUpdate();
        total += changed;
      } while (changed >= HOUSEKEEPING_BATCH && !closed.get());
    }
    return total;
  }
}
