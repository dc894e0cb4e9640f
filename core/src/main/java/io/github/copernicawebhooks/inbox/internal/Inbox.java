package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxState;
import io.github.copernicawebhooks.signature.ReplayToken;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One receiver's inbox: the {@link InboxEngine} behind a local durable {@link Spool} and a {@link
 * CircuitBreaker}. A call goes to the database within the time budget, or else to the spool, which the
 * {@link SpoolDrainer} moves into the table once the database is back. An instance whose database is away
 * at start-up starts anyway and opens the engine in the background. Not API: {@link
 * io.github.copernicawebhooks.WebhookReceiver} builds and drives it.
 */
public final class Inbox {

  private static final long RETRY_CONNECT_MILLIS = 1000;

  private final InboxSettings settings;
  private final WebhookParser parser;
  private final WebhookListener listener;
  private final @Nullable Spool spool;
  private final CircuitBreaker breaker =
      new CircuitBreaker(CircuitBreaker.DEFAULT_THRESHOLD, CircuitBreaker.DEFAULT_OPEN_NANOS, System::nanoTime);
  private final BoundedCalls calls;
  private final @Nullable SpoolDrainer drainer;
  private final FailureLog connectFailures = InboxLog.failures("schema check at start-up");
  private final InboxView view;
  private volatile @Nullable InboxEngine engine;
  private volatile boolean startedUp;
  private boolean startRequested;
  private boolean closed;

  private Inbox(InboxSettings settings, WebhookParser parser, WebhookListener listener, @Nullable Spool spool) {
    this.settings = settings;
    this.parser = parser;
    this.listener = listener;
    this.spool = spool;
    this.calls = new BoundedCalls(settings.databaseTimeBudget());
    this.drainer = spool == null ? null : new SpoolDrainer(spool, breaker, () -> engine, settings.inboxTable());
    this.view = new InboxView(() -> engine, this::state);
  }

  /**
   * Opens the inbox. With the spool on, a database that cannot be reached (or does not answer within the
   * time budget) does not stop the start: the schema is checked in the background until it passes.
   *
   * @throws IllegalStateException when a table or column is missing, the database is not one the inbox
   *     supports, the spool directory cannot be used, or (spool off) the database cannot be reached
   */
  public static Inbox open(InboxSettings settings, WebhookParser parser, WebhookListener listener) {
    if (!settings.spool()) {
      Inbox inbox = new Inbox(settings, parser, listener, null);
      inbox.engine = InboxEngine.open(settings, parser, listener);
      inbox.startedUp = true;
      return inbox;
    }
    Spool spool;
    try {
      spool = Spool.open(settings.spoolDirectory(), settings.spoolQuotaBytes());
    } catch (IOException unusable) {
      throw new IllegalStateException("the webhook inbox spool directory " + settings.spoolDirectory()
          + " cannot be used: " + InboxLog.message(unusable), unusable);
    }
    Inbox inbox = new Inbox(settings, parser, listener, spool);
    try {
      inbox.connectAtStart();
    } catch (RuntimeException failure) {
      inbox.close(Duration.ZERO);
      throw failure;
    }
    Objects.requireNonNull(inbox.drainer).start();
    return inbox;
  }

  /** The first schema check, waited for within the time budget; a schema problem found then fails the start. */
  private void connectAtStart() {
    Future<?> first = calls.submit(this::connect);
    try {
      first.get(settings.databaseTimeBudget().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException schemaProblem) {
        throw schemaProblem;
      }
      throw new IllegalStateException(failed.getCause());
    } catch (TimeoutException slow) {
      InboxLog.waitingForDatabase(settings.inboxTable(), new SQLException("no answer within the time budget of "
          + settings.databaseTimeBudget()));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      startedUp = true;
    }
  }

  /** One schema check: opens the engine, or schedules the next try while the database is away. */
  private void connect() {
    try {
      ready(InboxEngine.connect(settings, parser, listener));
    } catch (SQLException failure) {
      if (!Schema.isOutage(failure) && !startedUp) {
        throw new IllegalStateException("the webhook inbox schema check of table " + settings.inboxTable()
            + " failed: " + InboxLog.message(failure), failure);
      }
      retryConnect(failure);
    } catch (RuntimeException schemaProblem) {
      if (!startedUp) {
        throw schemaProblem;
      }
      retryConnect(schemaProblem);
    }
  }

  private void retryConnect(Exception failure) {
    if (!startedUp) {
      InboxLog.waitingForDatabase(settings.inboxTable(), failure);
    } else {
      connectFailures.failed(failure);
    }
    calls.schedule(this::connect, RETRY_CONNECT_MILLIS);
  }

  private synchronized void ready(InboxEngine opened) {
    if (closed) {
      opened.close(Duration.ZERO);
      return;
    }
    engine = opened;
    if (startedUp) {
      connectFailures.succeeded();
      InboxLog.schemaChecked(settings.inboxTable());
    }
    if (startRequested) {
      opened.start();
    }
    if (drainer != null) {
      drainer.signal();
    }
  }

  /** Starts the workers, at once or when the schema check passed; a second call does nothing. */
  public synchronized void start() {
    startRequested = true;
    InboxEngine opened = engine;
    if (opened != null) {
      opened.start();
    }
  }

  /**
   * Writes the call into the inbox within the time budget, or else appends it to the spool; never throws.
   * A call whose insert ran out of time is abandoned, not cancelled: when it commits after all, its spooled
   * copy is a duplicate of it at drain time.
   */
  public InboxEngine.StoreResult store(WebhookRequest request, WebhookEvent event, Optional<ReplayToken> token) {
    InboxCall call = InboxCall.of(request, event, token, settings.clock().millis());
    InboxEngine opened = engine;
    if (opened != null && breaker.allows()) {
      Optional<InboxEngine.StoreResult> result = calls.within(() -> opened.store(call));
      if (result.isPresent() && result.get() != InboxEngine.StoreResult.UNAVAILABLE) {
        breaker.succeeded();
        return result.get();
      }
      if (breaker.failed()) {
        InboxLog.spooling(settings.inboxTable(), result.isPresent() ? "the database failed"
            : "the database did not answer within " + settings.databaseTimeBudget());
      }
    }
    return spool(call);
  }

  private InboxEngine.StoreResult spool(InboxCall call) {
    if (spool == null || !spool.append(call)) {
      return InboxEngine.StoreResult.UNAVAILABLE;
    }
    Objects.requireNonNull(drainer).signal();
    return InboxEngine.StoreResult.SPOOLED;
  }

  /** The operations on this inbox's table, with its state. */
  public InboxOperations operations() {
    return view;
  }

  InboxState state() {
    Spool current = spool;
    boolean checked = engine != null;
    boolean reachable = checked && !breaker.isOpen();
    if (current == null) {
      return new InboxState(checked, reachable, false, 0, 0, 0, 0, 0, 0, 0);
    }
    return new InboxState(checked, reachable, true, current.pending(), current.bytes(), current.quotaBytes(),
        current.spooled(), current.drainedCount(), current.refused(), current.tornBytes());
  }

  /** Stops the drainer and the workers (see {@link InboxEngine#close}) and closes the spool; a second call does nothing. */
  public void close(Duration timeout) {
    InboxEngine opened;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      opened = engine;
    }
    calls.close();
    if (drainer != null) {
      drainer.close(Math.max(1, timeout.toMillis()));
    }
    if (opened != null) {
      opened.close(timeout);
    }
    closeSpool();
  }

  private void closeSpool() {
    if (spool != null) {
      try {
        spool.close();
      } catch (IOException failure) {
        InboxLog.failures("spool close").failed(failure);
      }
    }
  }
}
