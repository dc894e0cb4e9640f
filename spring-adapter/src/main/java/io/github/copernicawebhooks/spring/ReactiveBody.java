package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.internal.BodyDeadline;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a reactive request body once, bounded in size and in time: each buffer is copied out and released
 * as it arrives, into an array that grows with the bytes received (never sized by the declared
 * {@code Content-Length}, which a caller may declare and never send). The first buffer that would pass the
 * limit ends the read with {@link TooLarge}; a body still incomplete at its {@link BodyDeadline} ends it
 * with {@link TooSlow}. Either cancels the rest. Never holds more than the limit.
 */
final class ReactiveBody {

  private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;
  private static final int INITIAL_CAPACITY = 16 * 1024;

  private ReactiveBody() {}

  /** The whole body, or an error {@link TooLarge} once it passes the limit, or {@link TooSlow} at the deadline. */
  static Mono<byte[]> read(Flux<DataBuffer> body, long limit, BodyDeadline deadline) {
    int max = (int) Math.min(limit, LARGEST_ARRAY);
    return Mono.defer(() -> {
      Bytes bytes = new Bytes(max);
      return body.collect(() -> bytes, Bytes::append).map(Bytes::toArray)
          .timeout(expiry(deadline, bytes::received), Mono.defer(() -> Mono.error(
              new TooSlow(deadline.reason(System.nanoTime(), bytes.received())))));
    });
  }

  /** Emits once the deadline has passed for the bytes received by then, looking again only when it could. */
  private static Mono<Long> expiry(BodyDeadline deadline, LongSupplier received) {
    return Mono.defer(() -> {
      long now = System.nanoTime();
      long count = received.getAsLong();
      if (deadline.hasExpired(now, count)) {
        return Mono.just(now);
      }
      return Mono.delay(Duration.ofNanos(Math.max(1, deadline.nextCheck(now, count) - now)))
          .then(expiry(deadline, received));
    });
  }

  /** Whether a failure of reading is the connection's (an answer of 400), not the limit's or the deadline's. */
  static boolean isUnreadable(Throwable failure) {
    return !(failure instanceof TooLarge) && !(failure instanceof TooSlow);
  }

  /** The body passed the limit; no stack trace, since it is an answer, not a bug. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("body larger than the limit", null, false, false);
    }
  }

  /** The body did not arrive by its deadline; the message says why, for the log. */
  static final class TooSlow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooSlow(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The bytes read so far; appended on one thread at a time, counted from the deadline's timer. */
  private static final class Bytes {
    private final int max;
    private byte[] buffer;
    private volatile int count;

    Bytes(int max) {
      this.max = max;
      this.buffer = new byte[Math.min(INITIAL_CAPACITY, max)];
    }

    void append(DataBuffer chunk) {
      try {
        int length = chunk.readableByteCount();
        int received = count;
        if (length > max - received) {
          throw new TooLarge();
        }
        if (received + length > buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(received + (long) length, buffer.length * 2L)));
        }
        chunk.read(buffer, received, length);
        count = received + length;
      } finally {
        DataBufferUtils.release(chunk);
      }
    }

    long received() {
      return count;
    }

    byte[] toArray() {
      return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
    }
  }
}
