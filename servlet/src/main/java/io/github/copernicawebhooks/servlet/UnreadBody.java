package io.github.copernicawebhooks.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * What is done with a body left unread after a refusal. Closing a connection with unread bytes in the
 * socket makes TCP send a reset, which can destroy the refusal before the client reads it: the client
 * then sees "connection reset" instead of a clear 413 or 415. So the answer is flushed first and a bounded
 * part of the rest is read and thrown away (into one small buffer, never kept) while the client reads it.
 */
final class UnreadBody {

  /** At most this many bytes are read and discarded after a refusal. */
  static final long DISCARD_BYTES = 8L * 1024 * 1024;

  /** A declared body this small arrives with the headers and is dealt with by the container. */
  static final long SMALL_BODY_BYTES = 16 * 1024;

  private static final long DISCARD_NANOS = 2_000_000_000L;

  private UnreadBody() {}

  /**
   * Flushes the answer already written, then discards up to {@link #DISCARD_BYTES} of the body, unless the
   * declared body is small: then the answer leaves when the filter returns, as for any other call.
   */
  static void discardAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
    long declared = request.getContentLengthLong();
    if (declared >= 0 && declared <= SMALL_BODY_BYTES) {
      return;
    }
    try {
      response.flushBuffer();
      InputStream in = request.getInputStream();
      byte[] sink = new byte[8192];
      long deadline = System.nanoTime() + DISCARD_NANOS;
      long discarded = 0;
      while (discarded < DISCARD_BYTES && System.nanoTime() < deadline) {
        int read = in.read(sink);
        if (read < 0) {
          return;
        }
        discarded += read;
      }
    } catch (IOException | IllegalStateException gone) {
      // the client left or the container refuses to read more: the connection is closed either way
    }
  }
}
