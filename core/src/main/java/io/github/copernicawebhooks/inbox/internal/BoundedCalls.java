package io.github.copernicawebhooks.inbox.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs database work within the time budget on threads of its own, so that a database that hangs (or a
 * pool that has no connection to give) holds a call no longer than the budget; and the inbox's background
 * schema checks. Work that runs out of time is abandoned, not interrupted: interrupting a JDBC driver can
 * leave a pooled connection unusable.
 */
final class BoundedCalls {

  /** Inserts at once, at most; beyond them a call does not wait for a thread but is spooled. */
  private static final int MAX_THREADS = 64;

  private final long budgetMillis;
  private final ThreadPoolExecutor executor;
  private final ScheduledThreadPoolExecutor scheduler;

  BoundedCalls(Duration budget) {
    this.budgetMillis = budget.toMillis();
    this.executor = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        threads("copernica-webhooks-inbox-store-"));
    this.scheduler = new ScheduledThreadPoolExecutor(1, threads("copernica-webhooks-inbox-schema-check-"));
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** The task's result, or empty when it did not finish within the budget or no thread was free. */
  <T> Optional<T> within(Callable<T> task) {
    Future<T> future;
    try {
      future = executor.submit(task);
    } catch (RejectedExecutionException busy) {
      return Optional.empty();
    }
    try {
      return Optional.of(future.get(budgetMillis, TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException slowOrFailed) {
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  Future<?> submit(Runnable task) {
    return scheduler.submit(task);
  }

  void schedule(Runnable task, long delayMillis) {
    try {
      scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // the inbox is closing: no more schema checks
    }
  }

  void close() {
    scheduler.shutdownNow();
    executor.shutdown();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
