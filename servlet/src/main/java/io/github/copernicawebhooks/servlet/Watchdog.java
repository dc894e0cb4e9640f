package io.github.copernicawebhooks.servlet;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One daemon thread per filter that ends body reads which run past their deadline: it completes the
 * asynchronous ones and interrupts the threads of blocking ones. Started with the first body read, stopped
 * when the filter is destroyed.
 */
final class Watchdog implements AutoCloseable {

  private @Nullable ScheduledThreadPoolExecutor executor;
  private boolean closed;

  /** Runs the check at {@code atNanos} ({@link System#nanoTime()}); nothing when the filter was destroyed. */
  synchronized Future<?> schedule(Runnable check, long atNanos) {
    if (closed) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    if (executor == null) {
      ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "copernica-webhooks-body-watchdog");
        thread.setDaemon(true);
        return thread;
      });
      started.setRemoveOnCancelPolicy(true);
      executor = started;
    }
    return executor.schedule(check, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
