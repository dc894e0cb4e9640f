package io.github.copernicawebhooks.benchmarks;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Options of {@link LoadBenchmark}, from {@code --name=value} arguments.
 *
 * @param warmup warm-up time of each case
 * @param measure measured time of each case
 * @param connections concurrent connections, each with its own client thread
 * @param cases which cases to run, of {@code a}, {@code b} and {@code c}
 * @param requests the file of signed requests written by {@link SignRequests}
 * @param signedWarmup at most this many requests of the file warm case (c) up, so that enough are left
 * @param serverThreads the size of the server's thread pool (its minimum and maximum)
 * @param serverHeap the server JVM's heap ({@code -Xms} and {@code -Xmx})
 * @param serverCpus the CPUs the server process is bound to with {@code taskset -c}, or empty for all
 * @param dateTolerance how far the server lets {@code Date} lie from its clock
 * @param rsaVerifyMicros the CPU cost of one RSA verify to compare with, or 0 to measure it here
 * @param server the address of a running {@link LoadServerMain}, or empty to start one per case
 */
record LoadOptions(
    Duration warmup,
    Duration measure,
    int connections,
    Set<String> cases,
    Path requests,
    int signedWarmup,
    int serverThreads,
    String serverHeap,
    String serverCpus,
    Duration dateTolerance,
    double rsaVerifyMicros,
    String server) {

  /** Where {@link SignRequests} writes and the benchmark reads, relative to the repository root. */
  static final String DEFAULT_REQUESTS = "benchmarks/target/signed-requests.bin";
  /** Generous, so that one signed file serves a day of runs; the check itself costs the same. */
  static final Duration DEFAULT_DATE_TOLERANCE = Duration.ofHours(24);

  static final String USAGE =
      "options: --warmup=SECONDS (10) --measure=SECONDS (20) --connections=N (64) --cases=a,b,c (a,b,c) "
          + "--requests=FILE (" + DEFAULT_REQUESTS + ") --signed-warmup=N (100000) --server-threads=N (16) "
          + "--server-heap=SIZE (1g) --server-cpus=LIST (all) --date-tolerance=DURATION (PT24H) "
          + "--rsa-verify-us=MICROS (measured) --server=HOST:PORT (a new server per case)";

  LoadOptions {
    cases = Set.copyOf(cases);
    if (connections < 1 || warmup.isNegative() || measure.isZero() || serverThreads < 4 || signedWarmup < 0) {
      throw new IllegalArgumentException(USAGE);
    }
  }

  static LoadOptions parse(String... args) {
    Duration warmup = Duration.ofSeconds(10);
    Duration measure = Duration.ofSeconds(20);
    int connections = 64;
    Set<String> cases = Set.of("a", "b", "c");
    Path requests = Paths.get(DEFAULT_REQUESTS);
    int signedWarmup = 100_000;
    int serverThreads = 16;
    String serverHeap = "1g";
    String serverCpus = "";
    Duration dateTolerance = DEFAULT_DATE_TOLERANCE;
    double rsaVerifyMicros = 0;
    String server = "";
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("unknown argument " + arg + "; " + USAGE);
      }
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      switch (name) {
        case "warmup" -> warmup = seconds(value);
        case "measure" -> measure = seconds(value);
        case "connections" -> connections = Integer.parseInt(value);
        case "cases" -> cases = casesOf(value);
        case "requests" -> requests = Paths.get(value);
        case "signed-warmup" -> signedWarmup = Integer.parseInt(value);
        case "server-threads" -> serverThreads = Integer.parseInt(value);
        case "server-heap" -> serverHeap = value;
        case "server-cpus" -> serverCpus = value;
        case "date-tolerance" -> dateTolerance = Duration.parse(value);
        case "rsa-verify-us" -> rsaVerifyMicros = Double.parseDouble(value);
        case "server" -> server = value;
        default -> throw new IllegalArgumentException("unknown option --" + name + "; " + USAGE);
      }
    }
    return new LoadOptions(warmup, measure, connections, cases, requests, signedWarmup, serverThreads, serverHeap,
        serverCpus, dateTolerance, rsaVerifyMicros, server);
  }

  boolean runs(String name) {
    return cases.contains(name);
  }

  private static Duration seconds(String value) {
    return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
  }

  private static Set<String> casesOf(String value) {
    Set<String> cases = new LinkedHashSet<>();
    for (String name : value.toLowerCase(Locale.ROOT).split(",")) {
      if (!Set.of("a", "b", "c").contains(name.trim())) {
        throw new IllegalArgumentException("unknown case " + name + "; " + USAGE);
      }
      cases.add(name.trim());
    }
    return cases;
  }
}
