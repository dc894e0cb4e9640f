package io.github.copernicawebhooks.benchmarks;

import java.util.Map;

/**
 * What one case of the load benchmark measured.
 *
 * @param requests answers received for requests started in the measured window
 * @param seconds the measured window
 * @param latency the latency of those requests, send to last byte of the answer
 * @param statuses how many answers of each status code (all should be 200)
 * @param ioErrors exchanges that failed with an I/O error (the connection is then reopened)
 * @param serverCpuNanos CPU time of the server's pool threads in the measured window (0 if unknown);
 *     it includes the requests still in flight when the window closed, a few dozen out of thousands
 * @param exhausted whether the window ended early because the pre-signed requests ran out
 */
record LoadResult(
    long requests,
    double seconds,
    LatencyHistogram latency,
    Map<Integer, Long> statuses,
    long ioErrors,
    long serverCpuNanos,
    boolean exhausted) {

  LoadResult {
    statuses = Map.copyOf(statuses);
  }

  double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }

  /** Server CPU microseconds per answered request. */
  double serverCpuMicrosPerRequest() {
    return requests > 0 ? serverCpuNanos / 1e3 / requests : 0;
  }

  long non200() {
    long count = ioErrors;
    for (Map.Entry<Integer, Long> entry : statuses.entrySet()) {
      if (entry.getKey() != 200) {
        count += entry.getValue();
      }
    }
    return count;
  }
}
