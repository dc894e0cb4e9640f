package io.github.copernicawebhooks.benchmarks;

import io.github.copernicawebhooks.signature.ReplayGuard;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claims per second of the default in-memory replay guard, full at its design point: 2.7 million live
 * tokens, as 9 000 verified calls a second bring in a five-minute window. A simulated clock moves on by
 * 1/9 000 s with every claim, so tokens keep expiring and the guard stays at that size however fast the
 * claims come. Setup also prints the heap the filled guard retains, per token.
 *
 * <p>Run from the repository root:
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ReplayGuardBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * java -jar benchmarks/target/benchmarks.jar ReplayGuardBenchmark.claimNewToken -t 2 -f 1 -wi 3 -w 2s -i 5 -r 2s
 * }</pre>
 *
 * <ul>
 *   <li>{@code claimNewToken}: one claim of a token never seen, made as a nonce header would give it.
 *   <li>{@code tokenOnly}: making that token and its instants without claiming it: the part of the first
 *       row that is not the guard.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReplayGuardBenchmark {

  private static final int RATE = 9_000;
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int LIVE = RATE * (int) WINDOW.toSeconds();
  private static final Instant START = Instant.parse("2026-11-28T09:15:00Z");
  private static final long NANOS_PER_CALL = 1_000_000_000L / RATE;

  private final AtomicLong calls = new AtomicLong();
  private ReplayGuard guard = ReplayGuard.inMemory();

  @Setup(Level.Trial)
  public void fill() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    guard = ReplayGuard.inMemory();
    for (int i = 0; i < LIVE; i++) {
      claim(calls.getAndIncrement());
    }
    long after = usedAfterGc(memory);
    System.out.printf(Locale.ROOT, "%nreplay guard at capacity %,d holding %,d live tokens: %,d bytes retained,"
        + " %.1f bytes a token%n", ReplayGuard.DEFAULT_CAPACITY, LIVE, after - before,
        (after - before) / (double) LIVE);
  }

  @Benchmark
  public boolean claimNewToken() {
    return claim(calls.getAndIncrement());
  }

  @Benchmark
  public int tokenOnly() {
    long call = calls.getAndIncrement();
    Instant now = START.plusNanos(call * NANOS_PER_CALL);
    return token(call).length() + Instant.ofEpochSecond(now.getEpochSecond()).plus(WINDOW).getNano();
  }

  private boolean claim(long call) {
    Instant now = START.plusNanos(call * NANOS_PER_CALL);
    Instant expiresAt = Instant.ofEpochSecond(now.getEpochSecond()).plus(WINDOW); // Date has whole seconds
    if (!guard.claim(token(call), now, expiresAt)) {
      throw new IllegalStateException("call " + call + " was taken for a replay");
    }
    return true;
  }

  /** A nonce of up to 32 hex digits, about as long as a UUID's. */
  private static String token(long call) {
    return "nonce " + Long.toHexString(call * 0x9E3779B97F4A7C15L) + Long.toHexString(call);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
