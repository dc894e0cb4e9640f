package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP load benchmark: embedded Jetty on the loopback address, in a JVM of its own for each case
 * ({@link LoadServerMain}), serving (a) a bare servlet that reads the body and answers 200, (b) {@code
 * CopernicaWebhookFilter} with a no-op listener and signatures off, and (c) the same with signatures on.
 * A closed-loop load generator in this JVM drives each case with 64 persistent connections, sending
 * the requests of a file that {@link SignRequests} signed beforehand, and prints requests/s, p50/p99
 * latency and the server's CPU time per request: the CPU time of the server's whole process over the
 * measured window, from the server itself, divided by the requests answered in it.
 *
 * <p>All three cases send the same bytes (the signed requests), so that (c) − (a) is the cost of
 * verifying and nothing else. Cases (a) and (b) cycle through the file; (c) sends each request once,
 * its first {@code --signed-warmup} requests (at most) warming up, since the replay guard accepts each
 * nonce once; the first half of them is paced to last {@code --warmup}, the rest go at full speed. Each case gets a new server, so every nonce
 * is new to it. A warm-up lasts {@code --warmup} and longer while the server's JIT compilers are still
 * busy, up to three times {@code --warmup}. The CPU time of one RSA verify
 * is measured in this JVM at the end, to set the target: (c) at most (a) plus 1.3 times that.
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.copernicawebhooks.benchmarks.SignRequests
 * java -cp benchmarks/target/benchmarks.jar io.github.copernicawebhooks.benchmarks.LoadBenchmark
 * }</pre>
 *
 * <p>Options: {@value LoadOptions#USAGE}.
 */
public final class LoadBenchmark {
  private static final Map<String, String> NAMES = Map.of(
      "a", "(a) bare servlet", "b", "(b) filter, signature off", "c", "(c) filter, signatures on");

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    if (!Files.exists(options.requests())) {
      throw new IllegalArgumentException("no signed requests in " + options.requests() + ": run SignRequests first");
    }
    RequestFile file = RequestFile.open(options.requests());
    requireDatesAccepted(file.header(), options);
    printHeader(options, file);
    Map<String, LoadResult> results = new LinkedHashMap<>();
    if (!options.server().isEmpty()) {
      InetSocketAddress address = address(options.server());
      String name = ServerControl.caseOf(address);
      results.put(name, runCase(options, file, name, address));
    } else {
      for (String name : new String[] {"a", "b", "c"}) {
        if (options.runs(name)) {
          try (ServerProcess server = ServerProcess.start(options, name)) {
            results.put(name, runCase(options, file, name, server.address()));
          }
        }
      }
    }
    RsaCost rsa = options.rsaVerifyMicros() > 0 ? new RsaCost(options.rsaVerifyMicros(), Double.NaN)
        : RsaCost.measure(2, 3);
    new LoadReport(results, rsa, options.rsaVerifyMicros() > 0).print();
  }

  private static LoadResult runCase(LoadOptions options, RequestFile file, String name, InetSocketAddress address)
      throws IOException, InterruptedException {
    double loadBefore = loadAverage();
    LoadGenerator generator = new LoadGenerator(address, options.connections(), ServerControl.client(address));
    int status = generator.exchangeOnce(file.request(0));
    if (status != 200) {
      throw new IllegalStateException(nameOf(name) + " answers " + status + " instead of 200 to a valid call:\n"
          + file.request(0).head());
    }
    LoadResult result = name.equals("c")
        ? generator.run(file.once(1), options.warmup(), options.signedWarmup(),
            options.signedWarmup() / 2 / (options.warmup().toMillis() / 1e3), options.measure())
        : generator.run(file.cycling(), options.warmup(), Long.MAX_VALUE, options.measure());
    System.out.printf("%s: warm-up %.0f s (%,d requests), then %,.0f requests/s, server CPU %.1f us/request,"
            + " load average %.1f before, %.1f after%n", nameOf(name), result.warmupSeconds(), result.warmupRequests(),
        result.requestsPerSecond(), result.serverCpuMicrosPerRequest(), loadBefore, loadAverage());
    return result;
  }

  /** Refuses a file whose oldest Date the server would refuse before the run ends. */
  private static void requireDatesAccepted(RequestFile.Header header, LoadOptions options) {
    Duration age = Duration.between(header.signedAt(), Instant.now());
    Duration run = options.warmup().multipliedBy(3).plus(options.measure()).plusSeconds(15).multipliedBy(3);
    if (age.plus(run).compareTo(options.dateTolerance()) > 0) {
      throw new IllegalArgumentException("the requests in " + options.requests() + " were signed at "
          + header.signedAt() + ", too long ago for the server's --date-tolerance=" + options.dateTolerance()
          + ": run SignRequests again");
    }
  }

  private static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static String nameOf(String caseName) {
    @Nullable String name = NAMES.get(caseName);
    return name != null ? name : caseName;
  }

  private static void printHeader(LoadOptions options, RequestFile file) {
    RequestFile.Header header = file.header();
    System.out.printf(
        "LoadBenchmark: Jetty 12.1 ee10 on loopback, a server JVM per case (-Xmx%s, G1, a pool of %d threads%s),"
            + " %d connections (closed loop, one client thread each, raw HTTP/1.1, this JVM), %,d signed requests"
            + " of %,d bytes (body %s.form) from %s signed at %s, warm-up at least %.0f s and until the server's JIT is"
            + " quiet, at most 3 times that (case c: at most %,d requests, the first half paced over the minimum),"
            + " measure %.0f s, Java %s, %d CPUs, load average %.1f%n",
        options.serverHeap(), options.serverThreads(),
        options.serverCpus().isEmpty() ? "" : ", bound to CPUs " + options.serverCpus(),
        options.connections(), file.count(), file.request(0).length(), header.body(), options.requests(),
        header.signedAt(), options.warmup().toMillis() / 1e3, options.signedWarmup(),
        options.measure().toMillis() / 1e3, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        loadAverage());
  }
}
