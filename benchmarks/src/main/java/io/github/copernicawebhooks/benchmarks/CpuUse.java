package io.github.copernicawebhooks.benchmarks;

import java.util.HashMap;
import java.util.Map;

/**
 * What the server spent in a measured window.
 *
 * @param processNanos CPU time of the whole server process (request threads, selector, JIT compiler,
 *     garbage collector), or -1 when the server shares its JVM with the client and only its threads count
 * @param requestThreadNanos CPU time of the server's pool threads, which parse and answer the requests
 * @param gcMillis CPU time of the garbage collector's threads in the window, or -1 when unknown
 * @param jitMillis CPU time of the JIT compiler threads in the window, or -1 when unknown; near zero
 *     once the server is warm
 */
record CpuUse(long processNanos, long requestThreadNanos, long gcMillis, long jitMillis) {

  /** The server's cost as it is printed: the whole process when known, else its request threads. */
  long serverNanos() {
    return processNanos >= 0 ? processNanos : requestThreadNanos;
  }

  /** As the control endpoint of {@link LoadServerMain} answers it: {@code name=value} lines. */
  String format() {
    return "process-cpu-ns=" + processNanos + "\nrequest-threads-cpu-ns=" + requestThreadNanos + "\ngc-ms="
        + gcMillis + "\njit-ms=" + jitMillis + "\n";
  }

  static CpuUse parse(String text) {
    Map<String, Long> values = new HashMap<>();
    for (String line : text.strip().split("\n")) {
      int equals = line.indexOf('=');
      values.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1).strip()));
    }
    return new CpuUse(value(values, "process-cpu-ns"), value(values, "request-threads-cpu-ns"),
        value(values, "gc-ms"), value(values, "jit-ms"));
  }

  private static long value(Map<String, Long> values, String name) {
    Long value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the server's CPU report has no " + name);
    }
    return value;
  }
}
