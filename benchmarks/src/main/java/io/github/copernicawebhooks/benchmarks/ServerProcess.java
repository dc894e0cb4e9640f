package io.github.copernicawebhooks.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadServerMain} for one case in a new JVM (the same Java and class path as this one), with
 * a heap of fixed size and G1, as a production server would have; optionally bound to some CPUs.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final InetSocketAddress address;

  private ServerProcess(Process process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  static ServerProcess start(LoadOptions options, String caseName) throws IOException {
    List<String> command = new ArrayList<>();
    if (!options.serverCpus().isEmpty()) {
      command.addAll(List.of("taskset", "-c", options.serverCpus()));
    }
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms" + options.serverHeap(), "-Xmx" + options.serverHeap(), "-XX:+UseG1GC",
        "-XX:+AlwaysPreTouch", "-Dslf4j.internal.verbosity=ERROR", "-cp", System.getProperty("java.class.path"), LoadServerMain.class.getName(),
        "--case=" + caseName, "--requests=" + options.requests(), "--threads=" + options.serverThreads(),
        "--date-tolerance=" + options.dateTolerance()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(LoadServerMain.LISTENING)) {
        int port = Integer.parseInt(line.substring(LoadServerMain.LISTENING.length()).strip());
        return new ServerProcess(process, new InetSocketAddress("127.0.0.1", port));
      }
      System.out.println("  server: " + line);
    }
    process.destroyForcibly();
    throw new IOException("the server for case " + caseName + " ended before it listened: " + String.join(" ", command));
  }

  InetSocketAddress address() {
    return address;
  }

  /** Ends the server's standard input, which stops it; kills it if it has not stopped in 30 s. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
