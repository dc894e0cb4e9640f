package io.github.copernicawebhooks.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Collects a request body as it arrives, read by read, never holding more than the limit plus one byte. The
 * buffer grows with what arrived (doubling, up to the declared length), so a body that stalls holds little
 * memory however much it declared. Not thread-safe: one reader at a time.
 */
final class RequestBody {

  private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;
  private static final int FIRST_BUFFER = 16 * 1024;

  private final int max;
  private final int expected;
  private byte[] buffer;
  private int count;
  private boolean tooLarge;

  /**
   * @param declaredLength the {@code Content-Length}, or {@code -1} when unknown (chunked)
   * @param limit the largest body accepted
   */
  RequestBody(long declaredLength, long limit) {
    this.max = (int) Math.min(limit, LARGEST_ARRAY);
    this.expected = declaredLength >= 0 ? (int) Math.min(declaredLength, max) : max;
    this.buffer = new byte[Math.min(expected, FIRST_BUFFER)];
  }

  /**
   * The whole body, or {@code null} when it is longer than the limit: reading stops at the first byte over
   * it.
   *
   * @param declaredLength the {@code Content-Length}, or {@code -1} when unknown (chunked)
   */
  static byte @Nullable [] read(InputStream in, long declaredLength, long limit) throws IOException {
    RequestBody body = new RequestBody(declaredLength, limit);
    while (body.readFrom(in) >= 0) {
      if (body.isTooLarge()) {
        return null;
      }
    }
    return body.bytes();
  }

  /**
   * Reads once from the stream: the bytes read, or {@code -1} at its end. After a read that passes the limit
   * {@link #isTooLarge()} is {@code true} and nothing more may be read.
   */
  int readFrom(InputStream in) throws IOException {
    if (count == buffer.length) {
      int next = in.read();
      if (next < 0) {
        return -1;
      }
      if (count == max) {
        tooLarge = true;
        return 1;
      }
      long grown = Math.max(count * 2L, FIRST_BUFFER);
      buffer = Arrays.copyOf(buffer, (int) Math.min(count < expected ? expected : max, grown));
      buffer[count++] = (byte) next;
      return 1;
    }
    int read = in.read(buffer, count, buffer.length - count);
    if (read > 0) {
      count += read;
    }
    return read;
  }

  /** Whether more than the limit arrived. */
  boolean isTooLarge() {
    return tooLarge;
  }

  /** The body read so far, in an array of exactly its length. */
  byte[] bytes() {
    return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
  }
}
