package io.github.copernicawebhooks.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Reads a request body once, never holding more than the limit plus one byte. */
final class RequestBody {

  private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;
  private static final int UNKNOWN_LENGTH_START = 16 * 1024;

  private RequestBody() {}

  /**
   * The whole body, or {@code null} when it is longer than the limit: reading stops at the first byte over
   * it.
   *
   * @param declaredLength the {@code Content-Length}, or {@code -1} when unknown (chunked)
   */
  static byte @Nullable [] read(InputStream in, long declaredLength, long limit)
      throws IOException {
    int max = (int) Math.min(limit, LARGEST_ARRAY);
    byte[] buffer = new byte[initialSize(declaredLength, max)];
    int count = 0;
    while (true) {
      if (count == buffer.length) {
        int next = in.read();
        if (next < 0) {
          return buffer;
        }
        if (count == max) {
          return null;
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(count * 2L, 8192)));
        buffer[count++] = (byte) next;
        continue;
      }
      int read = in.read(buffer, count, buffer.length - count);
      if (read < 0) {
        return Arrays.copyOf(buffer, count);
      }
      count += read;
    }
  }

  private static int initialSize(long declaredLength, int max) {
    return declaredLength >= 0 ? (int) Math.min(declaredLength, max) : Math.min(UNKNOWN_LENGTH_START, max);
  }
}
