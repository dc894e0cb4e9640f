package io.github.copernicawebhooks.inbox.internal;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Moves spooled calls into the inbox table, oldest first, through the same insert as a call stored on
 * arrival: the table's unique keys decide, so a duplicate or a replay spooled here or on any other
 * instance, or a call whose abandoned insert committed after all, is handled once.
 */
final class SpoolDrainer implements Runnable {

  /** Calls drained between two checkpoints: what a restart may insert again, absorbed by the keys. */
  private static final int BATCH = 100;
  private static final long IDLE_MILLIS = 250;

  private final Spool spool;
  private final CircuitBreaker breaker;
  private final Supplier<@Nullable InboxEngine> engine;
  private final String table;
  private final Semaphore wake = new Semaphore(0);
  private final FailureLog failures = InboxLog.failures("spool drain");
  private final Thread thread;
  private volatile boolean closed;
  private long drainedSinceEmpty;

  SpoolDrainer(Spool spool, CircuitBreaker breaker, Supplier<@Nullable InboxEngine> engine, String table) {
    this.spool = spool;
    this.breaker = breaker;
    this.engine = engine;
    this.table = table;
    this.thread = new Thread(this, "copernica-webhooks-inbox-spool-drainer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** A call was spooled or the database came back: look now rather than at the next idle tick. */
  void signal() {
    wake.release();
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        wake.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        wake.drainPermits();
        drainWhileTheDatabaseTakesCalls();
      } catch (InterruptedException stop) {
        return;
      } catch (IOException | RuntimeException failure) {
        failures.failed(failure);
      }
    }
  }

  private void drainWhileTheDatabaseTakesCalls() throws IOException {
    InboxEngine target = engine.get();
    while (!closed && target != null && spool.pending() > 0 && breaker.allows()) {
      if (!drainBatch(target)) {
        return;
      }
    }
  }

  /** Drains up to a batch; whether the database took every call tried. */
  private boolean drainBatch(InboxEngine target) throws IOException {
    boolean tookAll = true;
    for (int i = 0; i < BATCH && !closed; i++) {
      Spool.Pending next = spool.next();
      if (next == null) {
        break;
      }
      if (target.store(next.call()) == InboxEngine.StoreResult.UNAVAILABLE) {
        breaker.failed();
        tookAll = false;
        break;
      }
      breaker.succeeded();
      spool.drained(next);
      drainedSinceEmpty++;
    }
    spool.checkpoint();
    failures.succeeded();
    if (spool.pending() == 0 && drainedSinceEmpty > 0) {
      InboxLog.drained(table, drainedSinceEmpty);
      drainedSinceEmpty = 0;
    }
    return tookAll;
  }

  /** Stops after the call being drained, waiting at most {@code millis}. */
  void close(long millis) {
    closed = true;
    wake.release();
    try {
      thread.join(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
