package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookReceiver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server of {@link MemoryAbuseTest}, run in its own JVM with a small heap: the filter at
 * {@value #WEBHOOKS} (signature off, default 4 MiB limit) and a heap probe at {@value #HEAP}. Prints
 * {@code PORT n} when ready; exits when its standard input closes (the test ended or died) or after five
 * minutes, so it can never outlive the build.
 */
public final class AbuseServerMain {

  static final String WEBHOOKS = "/webhooks";
  static final String HEAP = "/heap";
  private static final AtomicLong HANDLED = new AtomicLong();

  private AbuseServerMain() {}

  public static void main(String[] args) throws Exception {
    exitWhenOrphaned();
    WebhookReceiver receiver = WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> HANDLED.incrementAndGet())
        .build();
    // Fifty 4 MiB bodies share a budget of a few: on two busy cores the last may wait far longer than the
    // five seconds a call waits in production, and this test is about memory, not about that wait.
    CopernicaWebhookFilter filter = new CopernicaWebhookFilter(receiver);
    filter.budgetWait(Duration.ofMinutes(2));
    AbuseServer server = AbuseServer.startFilters(Map.of(WEBHOOKS, filter), Map.of(HEAP, new HeapProbe()), false);
    System.out.println("PORT " + server.port());
    System.out.flush();
  }

  private static void exitWhenOrphaned() {
    Thread stdin = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // only the end of the stream matters
        }
      } catch (IOException closed) {
        // the parent is gone either way
      }
      Runtime.getRuntime().halt(0);
    }, "parent-watch");
    stdin.setDaemon(true);
    stdin.start();
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(5 * 60 * 1000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(2);
    }, "deadline");
    timer.setDaemon(true);
    timer.start();
  }

  /**
   * Answers {@code allocated=A used=U handled=H}: bytes allocated so far by the server's threads, heap used
   * after a full collection, and events handled.
   */
  static final class HeapProbe extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      long allocated = serverThreadAllocations();
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      response.setContentType("text/plain");
      response.getOutputStream().write(("allocated=" + allocated + " used=" + used + " handled=" + HANDLED.get())
          .getBytes(StandardCharsets.US_ASCII));
    }

    private static long serverThreadAllocations() {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long total = 0;
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().startsWith(AbuseServer.THREAD_NAME)) {
          total += Math.max(0, threads.getThreadAllocatedBytes(thread.getId()));
        }
      }
      return total;
    }
  }
}
