package io.github.copernicawebhooks.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The complete HTTP requests (head and body) the load generator sends. Thread-safe. */
interface RequestSource {
  /** The next request to send, or null when there are no more. */
  @Nullable LoadRequest next();

  /** The same request forever. */
  static RequestSource repeating(LoadRequest request) {
    return () -> request;
  }

  /** Each of the given requests once, in order: for requests that the server refuses to see twice. */
  static RequestSource once(List<LoadRequest> requests) {
    AtomicInteger index = new AtomicInteger();
    return () -> {
      int i = index.getAndIncrement();
      return i < requests.size() ? requests.get(i) : null;
    };
  }
}
