package io.github.copernicawebhooks.servlet;

import java.util.concurrent.CompletableFuture;
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
      return CompletableFuture.completedFuture(null);
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

  /** Stops the thread, and waits a moment for it to end, so the container sees no thread left behind. */
  @Override
  public void close() {
    ScheduledThreadPoolExecutor running;
    synchronized (this) {
      closed = true;
      running = executor;
    }
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
