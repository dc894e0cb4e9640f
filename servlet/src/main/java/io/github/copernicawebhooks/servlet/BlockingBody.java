package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.internal.BodyDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads a body on the calling thread, for requests that do not support asynchronous processing. The
 * servlet API cannot interrupt a blocking read portably, so the watchdog interrupts the reading thread at
 * the deadline: Jetty then ends the read at once; a container that ignores interrupts (Tomcat) ends it with
 * the next bytes that arrive, and the deadline is checked there. The interrupt is only ever sent while this
 * thread is inside a read, and cleared again before the thread goes back to the container. The body's room
 * in the budget is given back at the deadline either way, since a stalled body holds little memory.
 */
final class BlockingBody implements Runnable {

  private final Thread reader = Thread.currentThread();
  private final Watchdog watchdog;
  private final BodyDeadline deadline;
  private long received;
  private boolean reading;
  private boolean expired;
  private boolean done;
  private @Nullable Future<?> check;

  private final Runnable release;

  private BlockingBody(Watchdog watchdog, BodyDeadline deadline, Runnable release) {
    this.watchdog = watchdog;
    this.deadline = deadline;
    this.release = release;
  }

  /** Reads the whole body, or until it passes the limit or its deadline, and reports which to {@code events}. */
  static void read(InputStream in, RequestBody body, BodyDeadline deadline, Watchdog watchdog, BodyEvents events) {
    BlockingBody guard = new BlockingBody(watchdog, deadline, events::release);
    guard.start();
    try {
      while (true) {
        int read = guard.read(() -> body.readFrom(in));
        if (read < 0) {
          guard.stop();
          events.received(body.bytes());
          return;
        }
        if (body.isTooLarge()) {
          guard.stop();
          events.tooLarge();
          UnreadBody.discard(in, watchdog);
          return;
        }
        if (guard.hasExpired()) {
          break;
        }
      }
    } catch (IOException failure) {
      if (!guard.hasExpired()) {
        guard.stop();
        events.unreadable(failure);
        return;
      }
    } finally {
      guard.stop();
    }
    events.tooSlow(deadline.reason(System.nanoTime(), guard.received()));
  }

  /** Reads and throws away up to {@code limit} bytes until the end of the body or the deadline. */
  static void discard(InputStream in, long limit, BodyDeadline deadline, Watchdog watchdog) {
    BlockingBody guard = new BlockingBody(watchdog, deadline, () -> { });
    byte[] sink = new byte[8192];
    guard.start();
    try {
      while (guard.received() < limit && !guard.hasExpired()) {
        if (guard.read(() -> in.read(sink)) < 0) {
          return;
        }
      }
    } catch (IOException | IllegalStateException gone) {
      // the client left, the read was interrupted or the container refuses to read more: the connection closes
    } finally {
      guard.stop();
    }
  }

  private void start() {
    synchronized (this) {
      check = watchdog.schedule(this, deadline.nextCheck(System.nanoTime(), 0));
    }
  }

  /** One read, counted, during which the watchdog may interrupt this thread. */
  private int read(Read read) throws IOException {
    synchronized (this) {
      if (expired) {
        throw new InterruptedIOException("body read deadline passed");
      }
      reading = true;
    }
    int count = 0;
    try {
      count = read.run();
      return count;
    } finally {
      synchronized (this) {
        reading = false;
        received += Math.max(0, count);
        if (expired) {
          Thread.interrupted(); // the interrupt was ours: never hand it to the container
        }
      }
    }
  }

  private synchronized boolean hasExpired() {
    return expired;
  }

  private synchronized long received() {
    return received;
  }

  private void stop() {
    synchronized (this) {
      done = true;
      if (check != null) {
        check.cancel(false);
      }
    }
  }

  /** Run by the watchdog. */
  @Override
  public synchronized void run() {
    if (done || expired) {
      return;
    }
    long now = System.nanoTime();
    if (!deadline.hasExpired(now, received)) {
      check = watchdog.schedule(this, deadline.nextCheck(now, received));
      return;
    }
    expired = true;
    if (reading) {
      reader.interrupt();
    }
    release.run();
  }

  @FunctionalInterface
  private interface Read {
    int run() throws IOException;
  }
}
