package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.inbox.InboxSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The workers of one instance. One loop thread owns every database write of the workers: in one short
 * transaction per round it records the finished attempts and claims as many due rows as there is room
 * for, a batch at a time; the handler threads only take claimed rows from a queue and hand back their
 * results. Handlers wake the loop only when the queue runs low or half a batch of results waits, so that
 * fast handlers share one commit per batch; the loop also wakes every poll interval, which bounds how long
 * a result waits to be written. A heartbeat renews the leases of every row held (claimed and not yet
 * written back). A row leaves the held ones as soon as nothing here will write it: its result was written,
 * its write was given up (see {@link SeparateWrites}), or its handler thread broke without a result; then its
 * lease lapses and any instance claims it again.
 */
final class Workers {

  /**
   * Rows claimed beyond the handler threads, so that no thread waits for the next round and one
   * transaction claims (and later finishes) a batch: the commit, not the row, is what costs.
   */
  private static final int CLAIM_AHEAD = 32;
  private static final long FAILURE_PAUSE_MILLIS = 500;

  private final DataSource dataSource;
  private final InboxSettings settings;
  private final Clock clock;
  private final Claimer claimer;
  private final RowWriter writer;
  private final Attempt attempt;
  private final SeparateWrites alone;
  private final int capacity;

  private final BlockingQueue<ClaimedRow> ready = new LinkedBlockingQueue<>();
  private final Map<Long, ClaimedRow> held = new ConcurrentHashMap<>();
  private final Map<Long, ClaimedRow> running = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Completion> done = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean signalled;
  private volatile boolean claiming = true;
  private volatile boolean stopped;

  private final FailureLog failures = InboxLog.failures("claim or write-back");
  private final List<Thread> handlers = new CopyOnWriteArrayList<>();
  private final Thread loop;

  Workers(InboxSettings settings, Sql sql, Attempt attempt) {
    this.dataSource = settings.dataSource();
    this.settings = settings;
    this.clock = settings.clock();
    this.claimer = new Claimer(sql, settings.instanceId());
    this.writer = new RowWriter(sql, settings);
    this.attempt = attempt;
    this.alone = new SeparateWrites(dataSource, sql, writer, held, done);
    this.capacity = settings.workers() + CLAIM_AHEAD;
    this.loop = new Thread(this::runLoop, "copernica-webhooks-inbox-claimer");
    loop.setDaemon(true);
    for (int i = 1; i <= settings.workers(); i++) {
      handlers.add(handler("copernica-webhooks-inbox-worker-" + i));
    }
  }

  void start() {
    loop.start();
    handlers.forEach(Thread::start);
  }

  /** Wakes the loop: a row was stored here or a handler finished. */
  void signal() {
    lock.lock();
    try {
      signalled = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The ids of the rows this instance holds, for the heartbeat. */
  List<Long> heldIds() {
    return new ArrayList<>(held.keySet());
  }

  private void runLoop() {
    while (!stopped) {
      boolean more;
      try {
        more = round();
        failures.succeeded();
      } catch (SQLException | RuntimeException failure) {
        failures.failed(failure);
        pause(FAILURE_PAUSE_MILLIS);
        more = false;
      }
      if (!more) {
        await(settings.pollInterval());
      }
    }
  }

  /** Write back what finished, claim what fits. Whether another round should follow at once. */
  private boolean round() throws SQLException {
    List<Completion> completions = drain();
    boolean isolated = writeSuspectsAlone(completions);
    int free = claiming ? capacity - (held.size() - completions.size()) : 0;
    if (completions.isEmpty() && free <= 0) {
      return isolated;
    }
    try {
      return batch(completions, free) || isolated;
    } catch (SQLException | RuntimeException failure) {
      if (completions.isEmpty()) {
        throw failure; // only the claim failed: the database is away
      }
      alone.write(completions); // one bad row must not hold back the others, nor the claims
      return true;
    }
  }

  /**
   * Takes the results whose write failed before out of {@code completions} and writes each alone, so that they
   * cannot fail the batch again; whether there were any.
   */
  private boolean writeSuspectsAlone(List<Completion> completions) throws SQLException {
    List<Completion> suspects = new ArrayList<>();
    for (Completion completion : completions) {
      if (alone.isSuspect(completion)) {
        suspects.add(completion);
      }
    }
    completions.removeAll(suspects);
    try {
      alone.write(suspects);
    } catch (SQLException | RuntimeException away) {
      done.addAll(completions); // the database is away: the batch waits for it too
      throw away;
    }
    return !suspects.isEmpty();
  }

  /** One transaction: write back what finished, claim what fits. Whether another round should follow at once. */
  private boolean batch(List<Completion> completions, int free) throws SQLException {
    List<ClaimedRow> claimed = List.of();
    List<Completion> late;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        late = writer.finish(connection, completions);
        if (free > 0) {
          long now = clock.millis();
          claimed = claimer.claim(connection, free, now, now + settings.lease().toMillis());
        }
        connection.commit();
      } catch (SQLException | RuntimeException failure) {
        rollback(connection);
        throw failure;
      }
    }
    late.forEach(completion -> InboxLog.lateCompletion(completion.id(), completion.attempt()));
    completions.forEach(completion -> held.remove(completion.id()));
    for (ClaimedRow row : claimed) {
      held.put(row.id(), row);
      ready.add(row);
    }
    return !completions.isEmpty() || (free > 0 && claimed.size() == free);
  }

  private List<Completion> drain() {
    List<Completion> completions = new ArrayList<>();
    for (Completion next = done.poll(); next != null; next = done.poll()) {
      completions.add(next);
    }
    return completions;
  }

  private void runHandler() {
    try {
      while (handleNext()) {
        // until the pill of close() or an interrupt
      }
    } catch (Throwable escaped) { // from this loop's own code, not from a handler: a new thread takes over
      replace(Thread.currentThread(), escaped);
    }
  }

  private boolean handleNext() {
    ClaimedRow row;
    try {
      row = ready.take();
    } catch (InterruptedException interrupted) {
      return false;
    }
    if (row.id() < 0) {
      return false; // the pill of close()
    }
    handle(row);
    return true;
  }

  private void handle(ClaimedRow row) {
    running.put(row.id(), row);
    boolean recorded = false;
    try {
      recorded = done.add(attempt.run(row));
    } catch (Throwable unexpected) { // the attempt records every failure; this one broke the recording itself
      recorded = recordBroken(row, unexpected);
    } finally {
      running.remove(row.id());
      if (!recorded) {
        held.remove(row.id()); // nothing will be written: the lease must lapse so that the row is claimed again
      }
      if (ready.size() <= handlers.size() || done.size() >= CLAIM_AHEAD / 2) {
        signal(); // time to write back and refill; otherwise results gather for one transaction
      }
    }
  }

  /** A failed attempt with no more than the class of what was thrown: recording the failure failed with it. */
  private boolean recordBroken(ClaimedRow row, Throwable unexpected) {
    try {
      long now = clock.millis();
      String error = unexpected.getClass().getName() + " while the failure of the attempt was recorded";
      return done.add(new Completion(row.id(), row.attempt(), now, now, error, null));
    } catch (Throwable again) {
      return false;
    }
  }

  private void replace(Thread dead, Throwable cause) {
    if (!claiming) {
      return;
    }
    int index = handlers.indexOf(dead);
    if (index < 0) {
      return;
    }
    Thread handler = handler(dead.getName());
    handlers.set(index, handler);
    handler.start();
    InboxLog.workerReplaced(dead.getName(), cause);
  }

  private Thread handler(String name) {
    Thread handler = new Thread(this::runHandler, name);
    handler.setDaemon(true);
    return handler;
  }

  /**
   * Stops claiming, gives back the rows no handler started, waits up to {@code timeout} for the running
   * handlers and writes their results, then gives back the rows of handlers still running.
   */
  void close(Duration timeout) {
    claiming = false;
    List<ClaimedRow> unstarted = new ArrayList<>();
    ready.drainTo(unstarted);
    handlers.forEach(handler -> ready.add(new ClaimedRow(-1, 0, "", "", "", null, new byte[0])));
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread handler : handlers) {
      join(handler, deadline);
    }
    List<ClaimedRow> stillRunning = new ArrayList<>(running.values());
    stopped = true;
    signal();
    join(loop, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    ready.drainTo(unstarted); // claimed by a round that ran while closing began
    unstarted.removeIf(row -> row.id() < 0);
    unstarted.addAll(stillRunning);
    finalWrite(unstarted);
    if (!stillRunning.isEmpty()) {
      InboxLog.notFinished(stillRunning.size(), timeout);
      handlers.forEach(Thread::interrupt); // after the rows were given back: a late result is not written
    }
  }

  /** Writes the last results, then gives back every row still claimed: due now, the claim not counted. */
  private void finalWrite(List<ClaimedRow> unfinished) {
    List<Completion> completions = drain();
    if (completions.isEmpty() && unfinished.isEmpty()) {
      return;
    }
    long now = clock.millis();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        writer.finish(connection, completions);
        writer.release(connection, unfinished, now);
        connection.commit();
      } catch (SQLException | RuntimeException failure) {
        rollback(connection);
        throw failure;
      }
    } catch (SQLException | RuntimeException failure) {
      InboxLog.shutdownWriteFailed(failure);
    }
    held.clear();
  }

  private void await(Duration interval) {
    lock.lock();
    try {
      long nanos = interval.toNanos();
      while (!signalled && !stopped && nanos > 0) {
        nanos = wake.awaitNanos(nanos);
      }
      signalled = false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits after a database failure; only closing cuts it short, not the signals of stored rows. */
  private void pause(long millis) {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      while (!stopped && nanos > 0) {
        nanos = wake.awaitNanos(nanos);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  private static void join(Thread thread, long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    try {
      if (left > 0) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; closing it discards the transaction
    }
  }
}
