package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/** A client thread's use of the JDK's shared {@link HttpClient}, which pools the connections itself. */
final class JdkConnection implements LoadConnection {
  private final HttpClient client;

  JdkConnection(HttpClient client) {
    this.client = client;
  }

  @Override
  public int exchange(LoadRequest request) throws IOException {
    try {
      return client.send(request.jdkRequest(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an answer");
    }
  }

  @Override
  public void close() {
    // The shared client owns the connections.
  }
}
