package io.github.copernicawebhooks.spring;

import java.util.Arrays;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a reactive request body once, bounded: each buffer is copied out and released as it arrives, and
 * the first buffer that would pass the limit ends the read with {@link TooLarge}, which cancels the rest.
 * Never holds more than the limit.
 */
final class ReactiveBody {

  private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;
  private static final int UNKNOWN_LENGTH_START = 16 * 1024;

  private ReactiveBody() {}

  /**
   * The whole body, or an error {@link TooLarge} once it passes the limit.
   *
   * @param declaredLength the {@code Content-Length}, or {@code -1} when unknown (chunked)
   */
  static Mono<byte[]> read(Flux<DataBuffer> body, long declaredLength, long limit) {
    int max = (int) Math.min(limit, LARGEST_ARRAY);
    return body.collect(() -> new Bytes(declaredLength, max), Bytes::append).map(Bytes::toArray);
  }

  /** The body passed the limit; no stack trace, since it is an answer, not a bug. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("body larger than the limit", null, false, false);
    }
  }

  /** The bytes read so far. */
  private static final class Bytes {
    private final int max;
    private byte[] buffer;
    private int count;

    Bytes(long declaredLength, int max) {
      this.max = max;
      this.buffer = new byte[declaredLength >= 0 ? (int) Math.min(declaredLength, max) : Math.min(UNKNOWN_LENGTH_START, max)];
    }

    void append(DataBuffer chunk) {
      try {
        int length = chunk.readableByteCount();
        if (length > max - count) {
          throw new TooLarge();
        }
        if (count + length > buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(count + (long) length, count * 2L)));
        }
        chunk.read(buffer, count, length);
        count += length;
      } finally {
        DataBufferUtils.release(chunk);
      }
    }

    byte[] toArray() {
      return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
    }
  }
}
