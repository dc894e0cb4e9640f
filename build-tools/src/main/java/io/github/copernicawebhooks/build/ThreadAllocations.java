package io.github.copernicawebhooks.build;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Counts the heap bytes that a group of threads allocate between two moments, to show that a server did
 * not buffer a body it refused or did not receive. Counts threads started in between from zero; shared by the
 * servlet and Spring test suites.
 */
public final class ThreadAllocations {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Predicate<String> threadNames;
  private final Map<Long, Long> start;

  private ThreadAllocations(Predicate<String> threadNames) {
    this.threadNames = threadNames;
    this.start = snapshot();
  }

  /** Starts counting the threads whose name matches. */
  public static ThreadAllocations start(Predicate<String> threadNames) {
    return new ThreadAllocations(threadNames);
  }

  /** The bytes the matching threads allocated since {@link #start}. */
  public long allocatedBytes() {
    long total = 0;
    for (Map.Entry<Long, Long> thread : snapshot().entrySet()) {
      total += thread.getValue() - start.getOrDefault(thread.getKey(), 0L);
    }
    return total;
  }

  private Map<Long, Long> snapshot() {
    Map<Long, Long> bytes = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (threadNames.test(thread.getName())) {
        long allocated = THREADS.getThreadAllocatedBytes(thread.getId());
        if (allocated >= 0) {
          bytes.put(thread.getId(), allocated);
        }
      }
    }
    return bytes;
  }
}
