package io.github.copernicawebhooks.benchmarks;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP load benchmark: embedded Jetty on the loopback address serving (a) a bare servlet that
 * reads the body and answers 200, (b) {@code CopernicaWebhookFilter} with a no-op listener and
 * signatures off, and (c) the same with signatures on (a static test key). A closed-loop load
 * generator in the same JVM drives each case in turn with 64 persistent connections and prints
 * requests/s and p50/p99 latency per case, and the ratio (b)/(a). Cases (a) and (b) are first warmed
 * up in turn and then measured in turn, so that (a), which comes first, does not run on a colder JVM.
 * Because client and server share the cores, the CPU time of the server's threads per request is
 * printed too: it tells what the filter costs the server more directly than the throughput does.
 *
 * <p>Run from the repository root:
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.copernicawebhooks.benchmarks.LoadBenchmark
 * }</pre>
 *
 * <p>Options: {@value LoadOptions#USAGE}.
 *
 * <p>Case (c): the replay guard refuses a nonce it has seen, so every request needs a signature of
 * its own, and an RSA signature costs the sender about 25 times what its check costs the receiver.
 * Signing inside the client threads would measure the client; instead the requests are signed before
 * the case starts (on all cores, timed and printed), and the case ends early, saying so, when they run
 * out. The first fifth of them warm up.
 */
public final class LoadBenchmark {
  private static final String PLAIN_CONTEXT = "/plain";
  private static final String SIGNED_CONTEXT = "/signed";
  private static final String TARGET = "/copernica";
  private static final String BARE = "(a) bare servlet";
  private static final String PLAIN = "(b) filter, signature off";
  private static final String SIGNED = "(c) filter, signatures on";

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    byte[] body = Bodies.load(options.body());
    @Nullable WebhookSigner signer = options.runs("c") ? WebhookSigner.generate() : null;
    LoadServer server = new LoadServer();
    if (options.runs("b")) {
      server.withFilter(PLAIN_CONTEXT, unsignedReceiver());
    }
    if (signer != null) {
      server.withFilter(SIGNED_CONTEXT, signedReceiver(signer));
    }
    printHeader(options, body);
    Map<String, LoadResult> results = new LinkedHashMap<>();
    try (LoadServer started = server.start()) {
      InetSocketAddress address = started.address();
      LoadGenerator generator = new LoadGenerator(
          address, options.connections(), options.jdkClient(), new ThreadCpu(LoadServer.THREAD_PREFIX));
      Map<String, LoadRequest> repeated = new LinkedHashMap<>();
      if (options.runs("a")) {
        repeated.put(BARE, request(address, LoadServer.BARE_CONTEXT, body));
      }
      if (options.runs("b")) {
        repeated.put(PLAIN, request(address, PLAIN_CONTEXT, body));
      }
      results.putAll(warmThenMeasure(generator, options, repeated));
      if (signer != null) {
        results.put(SIGNED, signed(generator, options, signer, address, body));
      }
    }
    printResults(results);
  }

  private static WebhookReceiver unsignedReceiver() {
    return WebhookReceiver.builder().parser(WebhookParser.create()).signatureOff().listener(event -> {}).build();
  }

  private static WebhookReceiver signedReceiver(WebhookSigner signer) {
    SignatureVerifier verifier =
        SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build();
    return WebhookReceiver.builder().parser(WebhookParser.create()).verifier(verifier).listener(event -> {}).build();
  }

  /** Warms every case up in turn, then measures each in turn: the first case is not measured on a colder JVM. */
  private static Map<String, LoadResult> warmThenMeasure(
      LoadGenerator generator, LoadOptions options, Map<String, LoadRequest> cases) throws Exception {
    for (LoadRequest request : cases.values()) {
      checkAnswers200(generator, request);
      generator.run(RequestSource.repeating(request), Duration.ZERO, 0, options.warmup());
    }
    Map<String, LoadResult> results = new LinkedHashMap<>();
    for (Map.Entry<String, LoadRequest> entry : cases.entrySet()) {
      results.put(entry.getKey(),
          generator.run(RequestSource.repeating(entry.getValue()), Duration.ZERO, 0, options.measure()));
    }
    return results;
  }

  private static LoadResult signed(
      LoadGenerator generator, LoadOptions options, WebhookSigner signer, InetSocketAddress address, byte[] body)
      throws Exception {
    long start = System.nanoTime();
    List<LoadRequest> requests =
        IntStream.range(0, options.signedRequests() + 1)
            .parallel()
            .mapToObj(i -> signedRequest(signer, address, body))
            .collect(Collectors.toCollection(ArrayList::new));
    System.out.printf(
        "(c) signed %,d requests in %.1f s before the case started%n",
        requests.size(), (System.nanoTime() - start) / 1e9);
    checkAnswers200(generator, requests.remove(requests.size() - 1));
    return generator.run(RequestSource.once(requests), options.warmup(), requests.size() / 5, options.measure());
  }

  private static void checkAnswers200(LoadGenerator generator, LoadRequest request) throws Exception {
    int status = generator.exchangeOnce(request);
    if (status != 200) {
      throw new IllegalStateException(
          "the case answers " + status + " instead of 200 to a valid call:\n" + request.head());
    }
  }

  private static LoadRequest signedRequest(WebhookSigner signer, InetSocketAddress address, byte[] body) {
    String target = SIGNED_CONTEXT + TARGET;
    Map<String, String> headers = signer.headersFor("POST", target, LoadRequest.hostOf(address), body);
    return new LoadRequest(address, target, headers, body);
  }

  private static LoadRequest request(InetSocketAddress address, String context, byte[] body) {
    return new LoadRequest(address, context + TARGET, Map.of(), body);
  }

  private static void printHeader(LoadOptions options, byte[] body) {
    System.out.printf(
        "LoadBenchmark: Jetty 12.1 ee10 on loopback, %d connections (closed loop, one client thread each, %s client, "
            + "same JVM), body %s.form (%,d bytes), warm-up %.0f s, measure %.0f s, Java %s, %d CPUs, "
            + "load average %.1f%n",
        options.connections(),
        options.jdkClient() ? "JDK HttpClient" : "raw HTTP/1.1",
        options.body(),
        body.length,
        options.warmup().toMillis() / 1e3,
        options.measure().toMillis() / 1e3,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void printResults(Map<String, LoadResult> results) {
    System.out.printf("%-28s %12s %9s %9s %17s %11s %8s%n",
        "case", "requests/s", "p50 ms", "p99 ms", "server CPU us/req", "requests", "non-200");
    results.forEach((name, result) -> {
      System.out.printf("%-28s %,12.0f %9.2f %9.2f %17.1f %,11d %8d%s%n",
          name, result.requestsPerSecond(), millis(result.latency().percentileNanos(0.50)),
          millis(result.latency().percentileNanos(0.99)), result.serverCpuMicrosPerRequest(),
          result.requests(), result.non200(), notes(result));
    });
    @Nullable LoadResult bare = results.get(BARE);
    @Nullable LoadResult plain = results.get(PLAIN);
    if (bare != null && plain != null) {
      double ratio = plain.requestsPerSecond() / bare.requestsPerSecond();
      System.out.printf("ratio (b)/(a): %.2f (target >= 0.90: %s); server CPU per request (b)/(a): %.2f%n",
          ratio, ratio >= 0.90 ? "met" : "NOT met",
          plain.serverCpuMicrosPerRequest() / bare.serverCpuMicrosPerRequest());
    }
    @Nullable LoadResult signed = results.get(SIGNED);
    if (bare != null && signed != null) {
      System.out.printf("ratio (c)/(a): %.2f%n", signed.requestsPerSecond() / bare.requestsPerSecond());
    }
  }

  private static String notes(LoadResult result) {
    StringBuilder notes = new StringBuilder();
    if (result.exhausted()) {
      notes.append(String.format("  (pre-signed requests ran out after %.1f s)", result.seconds()));
    }
    if (result.non200() > 0) {
      notes.append("  statuses ").append(result.statuses()).append(", I/O errors ").append(result.ioErrors());
    }
    return notes.toString();
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
