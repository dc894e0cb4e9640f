package io.github.copernicawebhooks.servlet;

import jakarta.servlet.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZzExperimentTest {
  @TempDir java.nio.file.Path temporary;

  static final class Probe implements Filter {
    final boolean flush;
    Probe(boolean flush) { this.flush = flush; }
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      AsyncContext ctx = request.startAsync(request, response);
      ctx.setTimeout(0);
      ServletInputStream in = request.getInputStream();
      long start = System.nanoTime();
      in.setReadListener(new ReadListener() {
        public void onDataAvailable() throws IOException { byte[] b = new byte[100]; while (in.isReady()) { if (in.read(b) < 0) break; } }
        public void onAllDataRead() {}
        public void onError(Throwable t) { System.out.println("EXP onError " + t); }
      });
      new Thread(() -> {
        try { Thread.sleep(1000);
          response.setStatus(408); response.setHeader("Connection", "close"); response.setContentLength(2); response.getOutputStream().write("to".getBytes());
          if (flush) response.flushBuffer();
          System.out.println("EXP written at " + (System.nanoTime() - start) / 1_000_000);
          ctx.complete();
          System.out.println("EXP completed at " + (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) { System.out.println("EXP " + e); }
      }).start();
    }
  }

  static String talk(int port, boolean trickle) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(15000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /w HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000000\r\n\r\na").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      Thread t = new Thread(() -> { try { while (trickle) { Thread.sleep(100); out.write(new byte[4096]); out.flush(); } } catch (Exception e) {} });
      t.setDaemon(true); t.start();
      String first = null;
      try {
        byte[] b = new byte[200];
        int n = s.getInputStream().read(b);
        first = "status after " + (System.nanoTime() - start) / 1_000_000 + ": " + (n < 0 ? "EOF" : new String(b, 0, n, StandardCharsets.ISO_8859_1).split("\r\n")[0]);
        while (s.getInputStream().read(b) >= 0) {}
        return first + "; EOF after " + (System.nanoTime() - start) / 1_000_000;
      } catch (IOException e) {
        return first + "; client " + e + " after " + (System.nanoTime() - start) / 1_000_000;
      }
    }
  }

  @Test
  void tomcat() throws Exception {
    for (boolean flush : new boolean[] {false, true}) {
      for (boolean trickle : new boolean[] {false, true}) {
        try (TomcatFilterServer server = TomcatFilterServer.start(temporary, Map.of("/w", new Probe(flush)), true)) {
          System.out.println("EXP tomcat flush=" + flush + " trickle=" + trickle + " " + talk(server.port(), trickle));
        }
      }
    }
  }
}
