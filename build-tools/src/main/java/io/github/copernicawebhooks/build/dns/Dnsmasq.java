package io.github.copernicawebhooks.build.dns;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real dnsmasq serving TXT records for {@code copernica.com} names on a free loopback port (never 53).
 * Names it does not know are NXDOMAIN ({@code --local}); it never forwards anything ({@code --no-resolv}).
 * Shared by the DNS tests of core and the command-line tool, which depend on this module with test scope.
 */
public final class Dnsmasq implements AutoCloseable {

  private static final List<String> CANDIDATES = List.of("/usr/sbin/dnsmasq", "/usr/local/sbin/dnsmasq");

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread killOnExit;

  private Dnsmasq(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // Even when the test JVM is stopped half-way, the server must not outlive it.
    this.killOnExit = new Thread(process::destroyForcibly, "stop dnsmasq " + port);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * The dnsmasq binary. Without one the calling test is skipped with a message, except on CI (see {@link
   * #isCi}): CI must run the DNS tests, so there it fails.
   */
  public static String binary() {
    return binary(onPath(System.getenv("PATH")).or(Dnsmasq::atUsualPlace), isCi(System.getenv("CI")));
  }

  /**
   * Whether the value of the environment variable {@code CI} means "this is CI": any non-blank value other
   * than {@code false} or {@code 0} (in any case), since CI systems set it to {@code true}, {@code 1},
   * {@code TRUE} or their own name.
   */
  public static boolean isCi(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String trimmed = value.trim();
    return !trimmed.equalsIgnoreCase("false") && !trimmed.equals("0");
  }

  public static String binary(Optional<String> found, boolean isCi) {
    if (found.isEmpty()) {
      String message = "dnsmasq is not installed (Debian: apt-get install dnsmasq-base); "
          + "the DNS key resolver test against a real DNS server needs it";
      if (isCi) {
        fail(message + ", and CI requires it (the environment variable CI is set)");
      }
      Assumptions.abort(message + ": skipped");
    }
    return found.get();
  }

  /** Starts dnsmasq on a free port with these {@code name -> text} TXT records. */
  public static Dnsmasq start(List<String[]> txtRecords) {
    for (int attempt = 1; ; attempt++) {
      try {
        return start(freePort(), txtRecords);
      } catch (AssertionError failed) {
        // Exit code 2 is dnsmasq's "address in use": another process took the port between our check and
        // dnsmasq's bind (busy machines open many ephemeral ports). Try another free port.
        if (attempt == 5 || !String.valueOf(failed.getMessage()).startsWith("dnsmasq exited with 2")) {
          throw failed;
        }
      }
    }
  }

  /** Starts dnsmasq on this port, for a restart with other records where the resolver already points. */
  public static Dnsmasq start(int port, List<String[]> txtRecords) {
    if (port == 53) {
      throw new IllegalArgumentException("the test DNS server must never take port 53");
    }
    List<String> command = new ArrayList<>(List.of(binary(), "--no-daemon", "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
        "--conf-file=/dev/null", "--pid-file", "--local=/copernica.com/", "--log-facility=-"));
    for (String[] record : txtRecords) {
      command.add("--txt-record=" + record[0] + "," + record[1]);
    }
    try {
      Path log = Files.createTempFile("dnsmasq", ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Dnsmasq dnsmasq = new Dnsmasq(process, port, log);
      dnsmasq.awaitListening();
      return dnsmasq;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "dns://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or about to: it stops the process as well
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("dnsmasq exited with " + process.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    close();
    fail("dnsmasq did not start listening on port " + port);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A loopback port free for both TCP and UDP, since dnsmasq listens on both. */
  private static int freePort() {
    for (int attempt = 1; ; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
           DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
        return udp.getLocalPort();
      } catch (IOException e) {
        if (attempt == 20) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  public static Optional<String> onPath(@Nullable String path) {
    for (String directory : Optional.ofNullable(path).orElse("").split(File.pathSeparator)) {
      if (!directory.isEmpty() && isExecutable(directory + File.separator + "dnsmasq")) {
        return Optional.of(directory + File.separator + "dnsmasq");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> atUsualPlace() {
    return CANDIDATES.stream().filter(Dnsmasq::isExecutable).findFirst();
  }

  private static boolean isExecutable(String file) {
    return Files.isExecutable(Path.of(file));
  }
}
