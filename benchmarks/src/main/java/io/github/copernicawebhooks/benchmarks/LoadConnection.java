package io.github.copernicawebhooks.benchmarks;

import java.io.Closeable;
import java.io.IOException;

/** What a client thread of the load generator sends its requests on. */
interface LoadConnection extends Closeable {
  /** Sends the request and reads the whole answer; returns its status code. */
  int exchange(LoadRequest request) throws IOException;
}
