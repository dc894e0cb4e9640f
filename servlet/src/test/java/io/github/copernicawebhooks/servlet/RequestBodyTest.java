package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

  @Test
  void readsBodyOfDeclaredLength() throws IOException {
    byte[] body = randomBytes(5000);

    assertThat(RequestBody.read(new ByteArrayInputStream(body), body.length, 10_000)).isEqualTo(body);
  }

  @Test
  void readsChunkedBodyLongerThanTheFirstBuffer() throws IOException {
    byte[] body = randomBytes(100_000);

    assertThat(RequestBody.read(new ByteArrayInputStream(body), -1, 1_000_000)).isEqualTo(body);
  }

  @Test
  void readsEmptyBody() throws IOException {
    assertThat(RequestBody.read(new ByteArrayInputStream(new byte[0]), 0, 100)).isEmpty();
    assertThat(RequestBody.read(new ByteArrayInputStream(new byte[0]), -1, 100)).isEmpty();
  }

  @Test
  void readsBodyOfExactlyTheLimit() throws IOException {
    byte[] body = randomBytes(1000);

    assertThat(RequestBody.read(new ByteArrayInputStream(body), -1, 1000)).isEqualTo(body);
    assertThat(RequestBody.read(new ByteArrayInputStream(body), 1000, 1000)).isEqualTo(body);
  }

  @Test
  void refusesBodyOverTheLimitAndStopsReadingAtTheFirstByteOverIt() throws IOException {
    CountingStream stream = new CountingStream(new ByteArrayInputStream(randomBytes(1_000_000)));

    assertThat(RequestBody.read(stream, -1, 1000)).isNull();
    assertThat(stream.count).isEqualTo(1001);
  }

  @Test
  void refusesBodyLongerThanItsDeclaredLengthWhenThatPassesTheLimit() throws IOException {
    CountingStream stream = new CountingStream(new ByteArrayInputStream(randomBytes(5000)));

    assertThat(RequestBody.read(stream, 10, 1000)).isNull();
    assertThat(stream.count).isEqualTo(1001);
  }

  @Test
  void assemblesBodyFromOneByteReads() throws IOException {
    byte[] body = randomBytes(3000);
    InputStream trickle = new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] buffer, int offset, int length) {
        return super.read(buffer, offset, Math.min(length, 1));
      }
    };

    assertThat(RequestBody.read(trickle, -1, 10_000)).isEqualTo(body);
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static final class CountingStream extends InputStream {
    private final InputStream in;
    private long count;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int value = in.read();
      if (value >= 0) {
        count++;
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = in.read(buffer, offset, length);
      if (read > 0) {
        count += read;
      }
      return read;
    }
  }
}
