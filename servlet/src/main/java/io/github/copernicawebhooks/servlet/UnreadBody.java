package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.internal.BodyDeadline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * What is done with a body left unread after a refusal. Closing a connection with unread bytes in the
 * socket makes TCP send a reset, which can destroy the refusal before the client reads it: the client
 * then sees "connection reset" instead of a clear 413 or 415. So the answer is flushed first and a bounded
 * part of the rest is read and thrown away (into one small buffer, never kept) while the client reads it,
 * for at most {@link #DISCARD_TIME}, which holds while a read waits for bytes too.
 */
final class UnreadBody {

  /** At most this many bytes are read and discarded after a refusal. */
  static final long DISCARD_BYTES = 8L * 1024 * 1024;

  /** A declared body this small arrives with the headers and is dealt with by the container. */
  static final long SMALL_BODY_BYTES = 16 * 1024;

  /** Discarding stops this long after the answer, whether or not bytes are still coming. */
  static final Duration DISCARD_TIME = Duration.ofSeconds(2);

  private UnreadBody() {}

  /**
   * Flushes the answer already written, then discards up to {@link #DISCARD_BYTES} of the body, unless the
   * declared body is small: then the answer leaves when the filter returns, as for any other call. Without
   * holding a thread when the request supports asynchronous processing.
   */
  static void discardAfterAnswer(HttpServletRequest request, HttpServletResponse response, Watchdog watchdog) {
    long declared = request.getContentLengthLong();
    if (declared >= 0 && declared <= SMALL_BODY_BYTES) {
      return;
    }
    try {
      if (request.isAsyncSupported()) {
        AsyncBody.discard(request, response, watchdog);
        return;
      }
      response.flushBuffer();
      discard(request.getInputStream(), watchdog);
    } catch (IOException | IllegalStateException gone) {
      // the client left or the container refuses to read more: the connection is closed either way
    }
  }

  /** Discards up to {@link #DISCARD_BYTES} on the calling thread, for at most {@link #DISCARD_TIME}. */
  static void discard(InputStream in, Watchdog watchdog) {
    BlockingBody.discard(in, DISCARD_BYTES, BodyDeadline.fixed(System.nanoTime(), DISCARD_TIME), watchdog);
  }
}
