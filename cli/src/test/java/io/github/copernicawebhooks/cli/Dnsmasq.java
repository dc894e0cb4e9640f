package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * A real dnsmasq on a free loopback port (never 53) serving one TXT record; it forwards nothing. A smaller
 * copy of core's test helper, which lives in core's test classes.
 */
final class Dnsmasq implements AutoCloseable {

  private final Process process;
  private final int port;

  private Dnsmasq(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Dnsmasq start(String name, String text) throws IOException {
    Path binary = Path.of("/usr/sbin/dnsmasq");
    Assumptions.assumeTrue(Files.isExecutable(binary) || System.getenv("CI") != null,
        "dnsmasq is not installed (Debian: apt-get install dnsmasq-base)");
    int port = freePort();
    Process process = new ProcessBuilder(List.of(binary.toString(), "--no-daemon", "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
        "--conf-file=/dev/null", "--pid-file", "--local=/copernica.com/", "--txt-record=" + name + "," + text))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Dnsmasq dnsmasq = new Dnsmasq(process, port);
    dnsmasq.awaitListening();
    return dnsmasq;
  }

  String url() {
    return "dns://127.0.0.1:" + port;
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("dnsmasq exited with " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
    close();
    fail("dnsmasq did not start listening on port " + port);
  }

  private static int freePort() {
    try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
      return udp.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
