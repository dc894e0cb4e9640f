package io.github.copernicawebhooks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * The CPU time of one bare {@code SHA256withRSA} verify plus one SHA-256 of the body, and of one full
 * verification, measured on one thread with the code of {@link SignatureBenchmark}: thread CPU time
 * rather than elapsed time, so that other work on the cores does not inflate it, as it would JMH's
 * average time per call.
 *
 * @param bareMicros the bare verify, in microseconds of CPU time
 * @param fullMicros the full verification (headers, Date, account, Digest, RSA, replay guard)
 */
record RsaCost(double bareMicros, double fullMicros) {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static RsaCost measure(double warmupSeconds, double measureSeconds) {
    SignatureBenchmark benchmark = new SignatureBenchmark();
    benchmark.setUp();
    BooleanSupplier bare = benchmark::bareRsaVerifyPlusSha256;
    BooleanSupplier full = () -> benchmark.verifySignedSmallBody() != null;
    cpuMicrosPerCall(bare, warmupSeconds);
    cpuMicrosPerCall(full, warmupSeconds);
    return new RsaCost(cpuMicrosPerCall(bare, measureSeconds), cpuMicrosPerCall(full, measureSeconds));
  }

  private static double cpuMicrosPerCall(BooleanSupplier call, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    long calls = 0;
    long verified = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        verified += call.getAsBoolean() ? 1 : 0;
      }
      calls += 100;
    }
    if (verified != calls) {
      throw new IllegalStateException("a verification failed: the cost would be that of a failure");
    }
    return (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / calls;
  }
}
