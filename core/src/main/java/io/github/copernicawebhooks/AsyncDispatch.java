package io.github.copernicawebhooks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of daemon threads behind a bounded queue. A task that does not fit is refused, never
 * dropped silently; closing waits a bounded time for the queue to drain and logs what was not handled.
 */
final class AsyncDispatch {

  private final ThreadPoolExecutor executor;
  private final Duration shutdownTimeout;
  private final AtomicInteger pending = new AtomicInteger();

  AsyncDispatch(int threads, int queueCapacity, Duration shutdownTimeout) {
    this.executor = new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), new Threads(),
        new ThreadPoolExecutor.AbortPolicy());
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Queues the task; {@code false} when the queue is full or the dispatch is closed. {@code dropped} runs
   * instead of the task when closing gives up on a task that never started.
   */
  boolean submit(Runnable task, Runnable dropped) {
    pending.incrementAndGet();
    try {
      executor.execute(new Queued(task, dropped));
      return true;
    } catch (RejectedExecutionException full) {
      pending.decrementAndGet();
      return false;
    }
  }

  /** Stops taking tasks and waits up to the shutdown timeout for the queued ones; logs any left over. */
  void close() {
    if (executor.isShutdown()) {
      return;
    }
    executor.shutdown();
    boolean drained;
    try {
      drained = executor.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    if (!drained) {
      int notHandled = pending.get();
      List<Runnable> neverStarted = executor.shutdownNow();
      ReceiverLog.notDrained(notHandled, neverStarted.size(), shutdownTimeout);
      for (Runnable task : neverStarted) {
        ((Queued) task).drop();
      }
    }
  }

  /** A queued task that counts itself out when it ends, or when it is dropped without running. */
  private final class Queued implements Runnable {
    private final Runnable task;
    private final Runnable dropped;

    Queued(Runnable task, Runnable dropped) {
      this.task = task;
      this.dropped = dropped;
    }

    @Override
    public void run() {
      try {
        task.run();
      } finally {
        pending.decrementAndGet();
      }
    }

    void drop() {
      try {
        dropped.run();
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  private static final class Threads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "copernica-webhooks-async-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
