package io.github.copernicawebhooks.benchmarks;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The summary of {@link LoadBenchmark}: a table, the table's rows in the README's form, the targets. */
final class LoadReport {
  private final Map<String, LoadResult> results;
  private final RsaCost rsa;
  private final boolean rsaGiven;

  LoadReport(Map<String, LoadResult> results, RsaCost rsa, boolean rsaGiven) {
    this.results = results;
    this.rsa = rsa;
    this.rsaGiven = rsaGiven;
  }

  void print() {
    System.out.printf("%n%-27s %10s %7s %7s %11s %11s %11s %9s %7s %6s %8s%n", "case", "requests/s", "p50 ms",
        "p99 ms", "server us/r", "threads us/r", "client us/r", "requests", "GC ms", "JIT ms", "non-200");
    results.forEach((name, result) -> System.out.printf("%-27s %,10.0f %7.2f %7.2f %11.1f %11.1f %11.1f %,9d %7d %6d"
            + " %8d%s%n", LoadBenchmark.nameOf(name), result.requestsPerSecond(), millis(result, 0.50),
        millis(result, 0.99), result.serverCpuMicrosPerRequest(), result.requestThreadMicrosPerRequest(),
        result.clientCpuMicrosPerRequest(), result.requests(), result.serverCpu().gcMillis(),
        result.serverCpu().jitMillis(), result.non200(), notes(result)));
    System.out.println("(server us/r: the server process's CPU time per request; threads: of it, its pool threads;"
        + " client: this JVM's; GC and JIT: CPU time of the server's collector and compiler threads in the"
        + " measured window)");
    System.out.printf("RSA, CPU time per call on one thread%s: bare SHA256withRSA verify + SHA-256 %.1f us%s%n",
        rsaGiven ? " (given)" : " in this JVM", rsa.bareMicros(),
        Double.isNaN(rsa.fullMicros()) ? "" : String.format(", full verification %.1f us", rsa.fullMicros()));
    printComparisons();
    System.out.println("\nREADME rows:");
    results.forEach((name, result) -> System.out.printf("| %s | %,.0f | %.2f ms | %.2f ms | %.1f µs |%n",
        LoadBenchmark.nameOf(name), result.requestsPerSecond(), millis(result, 0.50), millis(result, 0.99),
        result.serverCpuMicrosPerRequest()));
  }

  private void printComparisons() {
    @Nullable LoadResult bare = results.get("a");
    @Nullable LoadResult plain = results.get("b");
    @Nullable LoadResult signed = results.get("c");
    if (bare != null && plain != null) {
      double ratio = plain.requestsPerSecond() / bare.requestsPerSecond();
      System.out.printf("(b)/(a): requests/s %.2f (target >= 0.90: %s), server CPU per request %.2f%n", ratio,
          ratio >= 0.90 ? "met" : "NOT met", plain.serverCpuMicrosPerRequest() / bare.serverCpuMicrosPerRequest());
    }
    if (bare != null && signed != null) {
      double extra = signed.serverCpuMicrosPerRequest() - bare.serverCpuMicrosPerRequest();
      double budget = 1.3 * rsa.bareMicros();
      System.out.printf("(c) - (a): %.1f us of server CPU per request = %.2fx one RSA verify; target (c) <= (a) +"
              + " 1.3 x %.1f us = %.1f us: %s; requests/s (c)/(a) %.2f%n", extra, extra / rsa.bareMicros(),
          rsa.bareMicros(), bare.serverCpuMicrosPerRequest() + budget, extra <= budget ? "met" : "NOT met",
          signed.requestsPerSecond() / bare.requestsPerSecond());
    }
  }

  private static double millis(LoadResult result, double fraction) {
    return result.latency().percentileNanos(fraction) / 1e6;
  }

  private static String notes(LoadResult result) {
    StringBuilder notes = new StringBuilder();
    if (result.exhausted()) {
      notes.append(String.format("  (signed requests ran out after %.1f s)", result.seconds()));
    }
    if (result.non200() > 0) {
      notes.append("  statuses ").append(result.statuses()).append(", I/O errors ").append(result.ioErrors());
    }
    return notes.toString();
  }
}
