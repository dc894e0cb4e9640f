package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;

/** The server's CPU time over the measured window of a run: opened just before it, closed after it. */
interface CpuWindow {
  void begin() throws IOException;

  CpuUse end() throws IOException;

  /** CPU milliseconds the server's JIT compilers have used so far, or -1 when unknown. */
  default long jitMillis() throws IOException {
    return -1;
  }
}
