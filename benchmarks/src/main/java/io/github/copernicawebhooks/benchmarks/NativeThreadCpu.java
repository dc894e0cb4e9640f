package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's JIT compiler and garbage collector threads, which Java's thread API does not
 * show, read from Linux's {@code /proc/self/task/<tid>/stat} (in clock ticks, 10 ms here): it tells
 * whether the warm-up was long enough (JIT time in the measured window near zero) and what GC costs per
 * request. Empty where there is no {@code /proc}.
 */
final class NativeThreadCpu {
  private static final Path TASKS = Paths.get("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L;

  private NativeThreadCpu() {}

  /** CPU nanoseconds so far of each JIT compiler thread, by thread id. */
  static Map<String, Long> jit() {
    return threads("C1 CompilerThre", "C2 CompilerThre");
  }

  /** CPU nanoseconds so far of each garbage collector thread, by thread id. */
  static Map<String, Long> gc() {
    return threads("GC Thread", "G1 ");
  }

  /** Milliseconds used between two snapshots, or -1 when there was nothing to read. */
  static long usedMillis(Map<String, Long> before, Map<String, Long> after) {
    if (after.isEmpty()) {
      return -1;
    }
    long total = 0;
    for (Map.Entry<String, Long> entry : after.entrySet()) {
      total += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
    }
    return total / 1_000_000;
  }

  private static Map<String, Long> threads(String... namePrefixes) {
    Map<String, Long> cpu = new HashMap<>();
    if (!Files.isDirectory(TASKS)) {
      return cpu;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String stat = Files.readString(task.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (startsWithAny(name, namePrefixes)) {
          // After the name: state (field 3), ..., utime (field 14), stime (field 15).
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          cpu.put(task.getFileName().toString(),
              (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
        }
      }
    } catch (IOException | RuntimeException e) {
      return new HashMap<>(); // a thread that ended while it was read, or another layout: report nothing
    }
    return cpu;
  }

  private static boolean startsWithAny(String name, String... prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
