package io.github.copernicawebhooks.benchmarks;

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
 * @param body the body file: {@code small}, {@code medium} or {@code large}
 * @param signedRequests how many signed requests case (c) pre-signs (each can be sent only once)
 * @param cases which cases to run, of {@code a}, {@code b} and {@code c}
 * @param jdkClient whether to send with the JDK's {@code HttpClient} instead of the raw client
 */
record LoadOptions(
    Duration warmup,
    Duration measure,
    int connections,
    String body,
    int signedRequests,
    Set<String> cases,
    boolean jdkClient) {

  static final String USAGE =
      "options: --warmup=SECONDS (10) --measure=SECONDS (20) --connections=N (64) "
          + "--body=small|medium|large (small) --signed-requests=N (40000) --cases=a,b,c (a,b,c) --client=raw|jdk (raw)";

  LoadOptions {
    cases = Set.copyOf(cases);
    if (connections < 1 || signedRequests < connections || warmup.isNegative() || measure.isZero()) {
      throw new IllegalArgumentException(USAGE);
    }
  }

  static LoadOptions parse(String... args) {
    Duration warmup = Duration.ofSeconds(10);
    Duration measure = Duration.ofSeconds(20);
    int connections = 64;
    String body = "small";
    int signedRequests = 40_000;
    Set<String> cases = Set.of("a", "b", "c");
    boolean jdkClient = false;
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("unknown argument " + arg + "; " + USAGE);
      }
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      switch (name) {
        case "warmup":
          warmup = seconds(value);
          break;
        case "measure":
          measure = seconds(value);
          break;
        case "connections":
          connections = Integer.parseInt(value);
          break;
        case "body":
          body = value;
          break;
        case "signed-requests":
          signedRequests = Integer.parseInt(value);
          break;
        case "cases":
          cases = casesOf(value);
          break;
        case "client":
          jdkClient = isJdkClient(value);
          break;
        default:
          throw new IllegalArgumentException("unknown option --" + name + "; " + USAGE);
      }
    }
    return new LoadOptions(warmup, measure, connections, body, signedRequests, cases, jdkClient);
  }

  boolean runs(String name) {
    return cases.contains(name);
  }

  private static Duration seconds(String value) {
    return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
  }

  private static boolean isJdkClient(String value) {
    if (!value.equals("raw") && !value.equals("jdk")) {
      throw new IllegalArgumentException("unknown client " + value + "; " + USAGE);
    }
    return value.equals("jdk");
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
