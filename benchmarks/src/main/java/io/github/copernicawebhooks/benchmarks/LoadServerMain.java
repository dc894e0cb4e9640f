package io.github.copernicawebhooks.benchmarks;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The server of the load benchmark in a JVM of its own, serving one case at {@value SignRequests#TARGET}:
 * {@code a} the bare servlet, {@code b} the filter with signatures off, {@code c} the filter with
 * signatures on, verifying with the public key of the file of signed requests, a {@code Date} window of
 * {@code --date-tolerance} and an in-memory replay guard large enough for every request of the file.
 * {@link LoadBenchmark} starts one per case; it can also be started by hand and named with the
 * benchmark's {@code --server=127.0.0.1:PORT}:
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.github.copernicawebhooks.benchmarks.LoadServerMain \
 *     --case=c --port=8080
 * }</pre>
 *
 * <p>Options: {@value #USAGE}. It prints {@code listening PORT} once it serves, and stops when its
 * standard input ends. {@link ServerControl} measures its CPU time.
 */
public final class LoadServerMain {
  static final String USAGE = "--case=a|b|c --requests=FILE (" + LoadOptions.DEFAULT_REQUESTS + ", for c)"
      + " --threads=N (16) --port=N (0: a free one) --date-tolerance=DURATION (PT24H)";
  static final String LISTENING = "listening ";

  private LoadServerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = SignRequests.options(
        args, Set.of("case", "requests", "threads", "port", "date-tolerance"), USAGE);
    String name = options.getOrDefault("case", "");
    int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
    int port = Integer.parseInt(options.getOrDefault("port", "0"));
    LoadServer server = new LoadServer(threads, port).withServlet(ServerControl.CONTEXT, new ServerControl(name));
    switch (name) {
      case "a" -> server.withBareServlet("");
      case "b" -> server.withFilter("", WebhookReceiver.builder().parser(WebhookParser.create()).signatureOff()
          .listener(event -> {}).build());
      case "c" -> server.withFilter("", signedReceiver(
          RequestFile.readHeader(Paths.get(options.getOrDefault("requests", LoadOptions.DEFAULT_REQUESTS))),
          Duration.parse(options.getOrDefault("date-tolerance", LoadOptions.DEFAULT_DATE_TOLERANCE.toString()))));
      default -> throw new IllegalArgumentException("unknown case '" + name + "'; options: " + USAGE);
    }
    try (LoadServer started = server.start()) {
      System.out.println(LISTENING + started.address().getPort());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // runs until standard input ends
      }
    }
  }

  /**
   * The real verifier, every check on: the file's account id and key (a pinned key, as a receiver with a
   * known key would have; DNS would add only a cache look-up per call), a wide Date window so that one
   * file serves many runs (the comparison costs the same), and a replay guard with room for every nonce
   * of the file (its default capacity would refuse calls after 200,000 in one window).
   */
  private static WebhookReceiver signedReceiver(RequestFile.Header file, Duration tolerance) {
    SignatureVerifier verifier = SignatureVerifier.builder()
        .accountIds(file.accountId())
        .keyResolver(PublicKeyResolver.fromPem(file.publicKey()))
        .tolerance(tolerance)
        .replayGuard(ReplayGuard.inMemory(Math.max(ReplayGuard.DEFAULT_CAPACITY, file.count() + 1)))
        .build();
    return WebhookReceiver.builder().parser(WebhookParser.create()).verifier(verifier).listener(event -> {}).build();
  }
}
