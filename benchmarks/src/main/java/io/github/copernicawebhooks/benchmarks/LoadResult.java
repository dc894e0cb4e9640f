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
 * @param serverCpu what the server spent in the measured window; it includes the requests still in
 *     flight when the window opened and closed, a few dozen out of hundreds of thousands
 * @param clientCpuNanos CPU time of the client's JVM in the window (only meaningful when the server
 *     runs in a process of its own)
 * @param exhausted whether the window ended early because the signed requests ran out
 * @param warmupSeconds how long the warm-up before the window lasted
 * @param warmupRequests how many requests the warm-up sent
 */
record LoadResult(
    long requests,
    double seconds,
    LatencyHistogram latency,
    Map<Integer, Long> statuses,
    long ioErrors,
    CpuUse serverCpu,
    long clientCpuNanos,
    boolean exhausted,
    double warmupSeconds,
    long warmupRequests) {

  LoadResult {
    statuses = Map.copyOf(statuses);
  }

  LoadResult afterWarmup(double seconds, long requests) {
    return new LoadResult(this.requests, this.seconds, latency, statuses, ioErrors, serverCpu, clientCpuNanos,
        exhausted, seconds, requests);
  }

  double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }

  /** Server CPU microseconds per answered request: the whole server process when it has its own. */
  double serverCpuMicrosPerRequest() {
    return perRequest(serverCpu.serverNanos());
  }

  /** CPU microseconds of the server's request threads per answered request. */
  double requestThreadMicrosPerRequest() {
    return perRequest(serverCpu.requestThreadNanos());
  }

  double clientCpuMicrosPerRequest() {
    return perRequest(clientCpuNanos);
  }

  private double perRequest(long nanos) {
    return requests > 0 ? nanos / 1e3 / requests : 0;
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
