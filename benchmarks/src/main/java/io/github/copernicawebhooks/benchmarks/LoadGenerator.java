package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load generator: each of N threads sends its next request as soon as the previous
 * answer has been read, on a persistent connection of its own ({@link HttpConnection}: the JDK's
 * {@code HttpClient} saturates before the server does). The first part of the run warms up; only
 * requests started in the measured window count.
 */
final class LoadGenerator {
  private static final int WARMING = 0;
  private static final int MEASURING = 1;
  private static final int STOPPED = 2;
  private static final long JIT_CHECK_MILLIS = 2_000;
  private static final long QUIET_JIT_MILLIS = 40;

  private final InetSocketAddress address;
  private final int connections;
  private final CpuWindow serverCpu;

  LoadGenerator(InetSocketAddress address, int connections, CpuWindow serverCpu) {
    this.address = address;
    this.connections = connections;
    this.serverCpu = serverCpu;
  }

  /**
   * Drives the server with requests from {@code source}: a warm-up of at least {@code warmup} that
   * goes on while the server's JIT compilers are still busy (more than {@value #QUIET_JIT_MILLIS} ms of
   * CPU time in the last {@value #JIT_CHECK_MILLIS} ms), up to three times {@code warmup}, and ends in
   * any case once {@code warmupRequests} requests were sent; then a measured window of {@code measure}
   * that ends early if the source runs out.
   */
  LoadResult run(RequestSource source, Duration warmup, long warmupRequests, Duration measure)
      throws InterruptedException, IOException {
    return run(source, warmup, warmupRequests, 0, measure);
  }

  /**
   * Like {@link #run(RequestSource, Duration, long, Duration)}, sending the first half of the warm-up
   * requests at most {@code warmupPerSecond} per second (0: as fast as the server answers), for a
   * warm-up whose requests are few: a slower warm-up lasts longer and leaves the JIT compilers cores to
   * work on. The second half goes as fast as the measured window, whose greater concurrency makes other
   * code hot (about a thousand methods compiled at once when a paced warm-up ended right at the window).
   */
  LoadResult run(RequestSource source, Duration warmup, long warmupRequests, double warmupPerSecond,
      Duration measure) throws InterruptedException, IOException {
    Run run = new Run(source, warmupPerSecond, warmupRequests / 2);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      clients.add(new Client(run, openConnection()));
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      Thread thread = new Thread(clients.get(i), "load-client-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long start = System.nanoTime();
    long jit = serverCpu.jitMillis();
    long nextJitCheck = start + JIT_CHECK_MILLIS * 1_000_000;
    boolean compiling = jit >= 0;
    while (run.sent.get() < warmupRequests && !run.exhausted) {
      long elapsed = System.nanoTime() - start;
      if (elapsed >= 3 * warmup.toNanos() || (elapsed >= warmup.toNanos() && !compiling)) {
        break;
      }
      if (jit >= 0 && System.nanoTime() >= nextJitCheck) {
        long now = serverCpu.jitMillis();
        compiling = now - jit > QUIET_JIT_MILLIS;
        jit = now;
        nextJitCheck = System.nanoTime() + JIT_CHECK_MILLIS * 1_000_000;
      }
      Thread.sleep(5);
    }
    double warmupSeconds = (System.nanoTime() - start) / 1e9;
    long warmupRequestsSent = run.sent.get();
    serverCpu.begin();
    long clientCpuBefore = processCpuNanos();
    long measureStart = System.nanoTime();
    run.phase = MEASURING;
    while (System.nanoTime() - measureStart < measure.toNanos() && !run.exhausted) {
      Thread.sleep(5);
    }
    long measureEnd = System.nanoTime();
    run.phase = STOPPED;
    for (Thread thread : threads) {
      thread.join();
    }
    // After the join: the answers to requests still in flight at the end of the window are counted, so
    // is their CPU time.
    CpuUse server = serverCpu.end();
    long clientCpuNanos = processCpuNanos() - clientCpuBefore;
    return collect(clients, (measureEnd - measureStart) / 1e9, server, clientCpuNanos, run.exhausted)
        .afterWarmup(warmupSeconds, warmupRequestsSent);
  }

  /** Sends one request on a connection of its own; returns the status. */
  int exchangeOnce(LoadRequest request) throws IOException {
    try (LoadConnection connection = openConnection()) {
      return connection.exchange(request);
    }
  }

  /** The CPU time of this JVM, the client's, so far. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private LoadConnection openConnection() {
    try {
      return new HttpConnection(address);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + address, e);
    }
  }

  private static LoadResult collect(
      List<Client> clients, double seconds, CpuUse serverCpu, long clientCpuNanos, boolean exhausted) {
    LatencyHistogram latency = new LatencyHistogram();
    Map<Integer, Long> statuses = new TreeMap<>();
    long ioErrors = 0;
    for (Client client : clients) {
      latency.add(client.latency);
      for (int status = 0; status < client.statuses.length; status++) {
        if (client.statuses[status] > 0) {
          statuses.merge(status, client.statuses[status], Long::sum);
        }
      }
      ioErrors += client.ioErrors;
    }
    return new LoadResult(
        latency.count(), seconds, latency, statuses, ioErrors, serverCpu, clientCpuNanos, exhausted, 0, 0);
  }

  /** What the client threads share. */
  private static final class Run {
    final RequestSource source;
    final double warmupPerNano;
    final long pacedRequests;
    final long start = System.nanoTime();
    final AtomicLong sent = new AtomicLong();
    volatile int phase = WARMING;
    volatile boolean exhausted;

    Run(RequestSource source, double warmupPerSecond, long pacedRequests) {
      this.source = source;
      this.pacedRequests = pacedRequests;
      this.warmupPerNano = warmupPerSecond / 1e9;
    }
  }

  /** One connection and its own statistics (merged after the threads have ended). */
  private static final class Client implements Runnable {
    final Run run;
    final LoadConnection connection;
    final LatencyHistogram latency = new LatencyHistogram();
    final long[] statuses = new long[600];
    long ioErrors;

    Client(Run run, LoadConnection connection) {
      this.run = run;
      this.connection = connection;
    }

    @Override
    public void run() {
      try (connection) {
        int phase;
        while ((phase = run.phase) != STOPPED) {
          while (phase == WARMING && run.warmupPerNano > 0 && run.sent.get() < run.pacedRequests
              && run.sent.get() > (System.nanoTime() - run.start) * run.warmupPerNano) {
            LockSupport.parkNanos(1_000_000);
            phase = run.phase;
          }
          if (phase == STOPPED) {
            return;
          }
          LoadRequest request = run.source.next();
          if (request == null) {
            run.exhausted = true;
            return;
          }
          run.sent.incrementAndGet();
          exchange(request, phase == MEASURING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void exchange(LoadRequest request, boolean measured) {
      long start = System.nanoTime();
      try {
        int status = connection.exchange(request);
        long nanos = System.nanoTime() - start;
        if (measured) {
          latency.record(nanos);
          statuses[Math.min(status, statuses.length - 1)]++;
        }
      } catch (IOException e) {
        if (measured) {
          ioErrors++;
        }
      }
    }
  }
}
