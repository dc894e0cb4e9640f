package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.internal.BodyDeadline;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads a body with Servlet non-blocking I/O: no thread waits while the body trickles in, and the deadline
 * holds while nothing arrives, because the watchdog completes the call. After a body over the limit (or for
 * a call refused before its body was read) it discards a bounded part of the rest, as {@link UnreadBody}
 * does, with the same deadline. Used when the request supports asynchronous processing.
 */
final class AsyncBody implements ReadListener, AsyncListener {

  private enum State { READING, DISCARDING, DONE }

  private final AsyncContext context;
  private final ServletInputStream in;
  private final @Nullable RequestBody body;
  private final BodyEvents events;
  private final Watchdog watchdog;
  private final byte[] sink = new byte[8192];
  private BodyDeadline deadline;
  private State state;
  private long received;
  private @Nullable Future<?> check;

  private AsyncBody(AsyncContext context, ServletInputStream in, @Nullable RequestBody body, BodyEvents events,
      Watchdog watchdog, BodyDeadline deadline) {
    this.context = context;
    this.in = in;
    this.body = body;
    this.events = events;
    this.watchdog = watchdog;
    this.deadline = deadline;
    this.state = body != null ? State.READING : State.DISCARDING;
  }

  /**
   * Reads the body asynchronously and reports it to {@code events}. When the container has no non-blocking
   * input for this request, reads it blocking instead, still within the deadline.
   */
  static void read(HttpServletRequest request, HttpServletResponse response, RequestBody body, BodyDeadline deadline,
      Watchdog watchdog, BodyEvents events) throws IOException {
    AsyncContext context = request.startAsync(request, response);
    AsyncBody reader = new AsyncBody(context, request.getInputStream(), body, events, watchdog, deadline);
    reader.listen(() -> BlockingBody.read(request.getInputStream(), body, deadline, watchdog, events));
  }

  /** Discards a bounded part of a refused body after the answer was written, without holding a thread. */
  static void discard(HttpServletRequest request, HttpServletResponse response, Watchdog watchdog) throws IOException {
    response.flushBuffer();
    AsyncContext context = request.startAsync(request, response);
    BodyDeadline deadline = BodyDeadline.fixed(System.nanoTime(), UnreadBody.DISCARD_TIME);
    AsyncBody reader = new AsyncBody(context, request.getInputStream(), null, NO_EVENTS, watchdog, deadline);
    reader.listen(() -> UnreadBody.discard(request.getInputStream(), watchdog));
  }

  private void listen(BlockingFallback fallback) throws IOException {
    context.setTimeout(0); // the watchdog keeps time: a container timeout could also fire while a handler runs
    context.addListener(this);
    synchronized (this) {
      scheduleCheck();
    }
    try {
      in.setReadListener(this);
    } catch (UnsupportedOperationException | IllegalStateException noNonBlockingInput) {
      synchronized (this) {
        state = State.DONE;
        cancelCheck();
      }
      try {
        fallback.run();
      } finally {
        context.complete();
      }
    }
  }

  @Override
  public void onDataAvailable() throws IOException {
    boolean tooLarge = false;
    boolean discarded = false;
    synchronized (this) {
      if (state == State.READING && body != null) {
        tooLarge = readAvailable(body);
      } else if (state == State.DISCARDING) {
        discarded = discardAvailable();
      }
    }
    if (tooLarge) {
      answerTooLargeAndDiscard();
    } else if (discarded) {
      context.complete();
    }
  }

  /** Reads what is there into the body; whether it passed the limit, which turns this reader to discarding. */
  private boolean readAvailable(RequestBody body) throws IOException {
    while (in.isReady()) {
      int read = body.readFrom(in);
      if (read < 0) {
        return false;
      }
      received += read;
      if (body.isTooLarge()) {
        cancelCheck();
        state = State.DISCARDING;
        received = 0;
        deadline = BodyDeadline.fixed(System.nanoTime(), UnreadBody.DISCARD_TIME);
        return true;
      }
    }
    return false;
  }

  /** Reads what is there into the sink; whether the bounded part is now discarded. */
  private boolean discardAvailable() throws IOException {
    while (in.isReady()) {
      int read = in.read(sink);
      if (read < 0) {
        break;
      }
      received += read;
      if (received >= UnreadBody.DISCARD_BYTES) {
        state = State.DONE;
        cancelCheck();
        return true;
      }
    }
    return false;
  }

  /** Answers 413 first, then discards within the discard deadline (timed from now, the answer written). */
  private void answerTooLargeAndDiscard() throws IOException {
    events.tooLarge();
    boolean discarded = false;
    synchronized (this) {
      if (state == State.DISCARDING) {
        scheduleCheck();
        discarded = discardAvailable();
      }
    }
    if (discarded) {
      context.complete();
    }
  }

  @Override
  public void onAllDataRead() {
    State was;
    synchronized (this) {
      was = state;
      state = State.DONE;
      cancelCheck();
    }
    try {
      if (was == State.READING && body != null) {
        events.received(body.bytes());
      }
    } finally {
      if (was != State.DONE) {
        context.complete();
      }
    }
  }

  @Override
  public void onError(Throwable failure) {
    State was;
    synchronized (this) {
      was = state;
      state = State.DONE;
      cancelCheck();
    }
    try {
      if (was == State.READING) {
        events.unreadable(failure instanceof IOException ? (IOException) failure : new IOException(failure));
      }
    } finally {
      if (was != State.DONE) {
        context.complete();
      }
    }
  }

  /** Run by the watchdog: ends the call when its deadline has passed, else looks again when it would. */
  private void check() {
    State was;
    long now = System.nanoTime();
    synchronized (this) {
      if (state == State.DONE) {
        return;
      }
      if (!deadline.hasExpired(now, received)) {
        check = watchdog.schedule(this::check, deadline.nextCheck(now, received));
        return;
      }
      was = state;
      state = State.DONE;
    }
    try {
      if (was == State.READING) {
        events.tooSlow(deadline.reason(now, received));
      }
    } finally {
      context.complete();
    }
  }

  private void scheduleCheck() {
    check = watchdog.schedule(this::check, deadline.nextCheck(System.nanoTime(), received));
  }

  private void cancelCheck() {
    if (check != null) {
      check.cancel(false);
    }
  }

  /** However the call ended: a body still being read gives its room back. */
  @Override
  public void onComplete(AsyncEvent event) {
    State was;
    synchronized (this) {
      was = state;
      state = State.DONE;
      cancelCheck();
    }
    if (was == State.READING) {
      events.release();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    check();
  }

  @Override
  public void onError(AsyncEvent event) {
    onError(event.getThrowable() != null ? event.getThrowable() : new IOException("asynchronous processing failed"));
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}

  /** Reads blocking when the container offers no non-blocking input. */
  @FunctionalInterface
  private interface BlockingFallback {
    void run() throws IOException;
  }

  private static final BodyEvents NO_EVENTS = new BodyEvents() {
    @Override
    public void received(byte[] body) {}

    @Override
    public void tooLarge() {}

    @Override
    public void tooSlow(String reason) {}

    @Override
    public void release() {}

    @Override
    public void unreadable(IOException failure) {}
  };
}
