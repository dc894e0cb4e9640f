package io.github.copernicawebhooks.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The measuring window of a {@link LoadServerMain}, opened and closed over HTTP by the benchmark in
 * another JVM: {@code POST /bench-control/begin} notes the server's CPU time, {@code POST
 * /bench-control/end} answers what was spent since ({@link CpuUse#format}), {@code GET
 * /bench-control/jit} the JIT compilers' CPU milliseconds so far (to tell when the warm-up may end),
 * {@code GET /bench-control/case} the case it serves. The CPU time is the whole process's, from the
 * operating system: the request threads, Jetty's selector, the JIT compilers and the garbage collector
 * (the last two also apart, where {@link NativeThreadCpu} can read them).
 */
final class ServerControl extends HttpServlet {
  static final String CONTEXT = "/bench-control";

  private final String caseName;
  private final ThreadCpu requestThreads = new ThreadCpu(LoadServer.THREAD_PREFIX);
  private long processBegun;
  private Map<String, Long> gcBegun = Map.of();
  private Map<String, Long> jitBegun = Map.of();

  ServerControl(String caseName) {
    this.caseName = caseName;
  }

  @Override
  protected synchronized void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (request.getPathInfo() == null ? "" : request.getPathInfo()) {
      case "/begin" -> {
        requestThreads.begin();
        processBegun = processCpuNanos();
        gcBegun = NativeThreadCpu.gc();
        jitBegun = NativeThreadCpu.jit();
        answer(response, "begun\n");
      }
      case "/end" -> {
        long process = processCpuNanos() - processBegun;
        CpuUse threads = requestThreads.end();
        answer(response, new CpuUse(process, threads.requestThreadNanos(),
            NativeThreadCpu.usedMillis(gcBegun, NativeThreadCpu.gc()),
            NativeThreadCpu.usedMillis(jitBegun, NativeThreadCpu.jit())).format());
      }
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/jit".equals(request.getPathInfo())) {
      answer(response, NativeThreadCpu.usedMillis(Map.of(), NativeThreadCpu.jit()) + "\n");
    } else {
      answer(response, caseName + "\n");
    }
  }

  private static void answer(HttpServletResponse response, String text) throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long processCpuNanos() {
    return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
  }

  /** The benchmark's side: a {@link CpuWindow} over the control endpoint of a server at this address. */
  static CpuWindow client(InetSocketAddress server) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://" + LoadRequest.hostOf(server) + CONTEXT;
    return new CpuWindow() {
      @Override
      public void begin() throws IOException {
        post(http, base + "/begin");
      }

      @Override
      public CpuUse end() throws IOException {
        return CpuUse.parse(post(http, base + "/end"));
      }

      @Override
      public long jitMillis() throws IOException {
        return Long.parseLong(send(http, HttpRequest.newBuilder(URI.create(base + "/jit")).GET().build()).strip());
      }
    };
  }

  /** The case the server at this address serves. */
  static String caseOf(InetSocketAddress server) throws IOException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return send(http, HttpRequest.newBuilder(URI.create("http://" + LoadRequest.hostOf(server) + CONTEXT + "/case"))
        .GET().build()).strip();
  }

  private static String post(HttpClient http, String uri) throws IOException {
    return send(http, HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static String send(HttpClient http, HttpRequest request) throws IOException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(request.uri() + " answered " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
