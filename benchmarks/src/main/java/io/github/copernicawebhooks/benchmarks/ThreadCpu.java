package io.github.copernicawebhooks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time used by the threads whose name starts with a prefix (the server's pool), so that the cost
 * of a case on the server can be told apart from the client's when both share a JVM. As a {@link
 * CpuWindow} it reports only those threads.
 */
final class ThreadCpu implements CpuWindow {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String prefix;
  private Map<Long, Long> begun = Map.of();

  ThreadCpu(String prefix) {
    this.prefix = prefix;
  }

  /** Whether the JVM can measure thread CPU time; if not, {@link #snapshot} is empty. */
  static boolean isSupported() {
    return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  }

  @Override
  public synchronized void begin() {
    begun = snapshot();
  }

  @Override
  public synchronized CpuUse end() {
    return new CpuUse(-1, used(begun, snapshot()), -1, -1);
  }

  /** CPU nanoseconds so far of each live thread of the pool, by thread id. */
  Map<Long, Long> snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    if (!isSupported()) {
      return cpu;
    }
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix)) {
        long nanos = THREADS.getThreadCpuTime(thread.getId());
        if (nanos >= 0) {
          cpu.put(thread.getId(), nanos);
        }
      }
    }
    return cpu;
  }

  /** CPU nanoseconds used between two snapshots (a thread that started in between counts in full). */
  static long used(Map<Long, Long> before, Map<Long, Long> after) {
    long total = 0;
    for (Map.Entry<Long, Long> entry : after.entrySet()) {
      total += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
    }
    return total;
  }
}
