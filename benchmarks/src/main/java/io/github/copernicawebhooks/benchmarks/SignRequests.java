package io.github.copernicawebhooks.benchmarks;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The signing step of the load benchmark, run before it and apart from it: signs {@code --count} POSTs of
 * one body the way Copernica does (Digest, Date, X-Copernica-ID, a random X-Nonce of its own each,
 * Signature) with a fresh 2048-bit key, and writes them, with the public key, to a {@link RequestFile}.
 * Signing is an RSA private-key operation per request, about 25 times the cost of checking it, so it is
 * done once here, on all cores, rather than next to the server while it is measured.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.copernicawebhooks.benchmarks.SignRequests
 * }</pre>
 *
 * <p>Options: {@value #USAGE}. Each {@code Date} is the moment its request was signed; the load
 * benchmark's server accepts dates within its {@code --date-tolerance}, so the file serves every run
 * in that time (each case runs in a new server, whose replay guard has seen none of the nonces).
 */
public final class SignRequests {
  static final String USAGE = "--out=FILE (" + LoadOptions.DEFAULT_REQUESTS + ") --count=N (700000)"
      + " --body=small|medium|large (small)";
  /** The signed Host: the server does not compare it with its own address, only the verifier reads it. */
  static final String HOST = "hooks.example.com";
  /** The target of every request; the server of each case serves it. */
  static final String TARGET = "/copernica";
  private static final int BATCH = 10_000;

  private SignRequests() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path out = Paths.get(options.getOrDefault("out", LoadOptions.DEFAULT_REQUESTS));
    int count = Integer.parseInt(options.getOrDefault("count", "700000"));
    String bodyName = options.getOrDefault("body", "small");
    byte[] body = Bodies.load(bodyName);
    WebhookSigner signer = WebhookSigner.generate();
    Instant signedAt = Instant.now();
    RequestFile.Header header = new RequestFile.Header(
        count, signedAt, signer.accountId(), publicKeyBase64(signer), HOST, TARGET, bodyName);
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path partial = Files.createTempFile(parent, out.getFileName().toString(), ".partial");
    partial.toFile().deleteOnExit();
    long start = System.nanoTime();
    System.out.printf("SignRequests: signing %,d requests (body %s.form, %,d bytes) on %d cores into %s%n",
        count, bodyName, body.length, Runtime.getRuntime().availableProcessors(), out);
    try (OutputStream file = Files.newOutputStream(partial);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(file, 1 << 20))) {
      header.writeTo(data);
      for (int first = 0; first < count; first += BATCH) {
        byte[][] batch = IntStream.range(first, Math.min(count, first + BATCH)).parallel()
            .mapToObj(i -> LoadRequest.wire(HOST, TARGET, signer.headersFor("POST", TARGET, HOST, body), body))
            .toArray(byte[][]::new);
        for (byte[] request : batch) {
          data.writeInt(request.length);
          data.write(request);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = Math.min(count, first + BATCH);
        if (done == count || done % (5 * BATCH) == 0) {
          System.out.printf("  %,d signed in %.0f s (%.0f us each), %,d bytes each%n",
              done, seconds, seconds * 1e6 / done, batch[0].length);
        }
      }
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf("wrote %,d bytes in %.0f s; the load benchmark's server accepts them until %s"
        + " (signed at %s, default --date-tolerance %s)%n", Files.size(out), (System.nanoTime() - start) / 1e9,
        signedAt.plus(LoadOptions.DEFAULT_DATE_TOLERANCE), signedAt, LoadOptions.DEFAULT_DATE_TOLERANCE);
  }

  private static String publicKeyBase64(WebhookSigner signer) {
    String record = signer.dkimRecord();
    return record.substring(record.indexOf("p=") + 2);
  }

  static Map<String, String> options(String[] args, Set<String> names, String usage) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0 || !names.contains(arg.substring(2, equals))) {
        throw new IllegalArgumentException("unknown argument " + arg + "; options: " + usage);
      }
      options.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return options;
  }

  private static Map<String, String> options(String[] args) {
    return options(args, Set.of("out", "count", "body"), USAGE);
  }
}
