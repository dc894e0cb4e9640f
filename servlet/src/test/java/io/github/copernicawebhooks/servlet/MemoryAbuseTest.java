package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory under abuse, against {@link AbuseServerMain} in a forked JVM with a 256 MiB heap that exits on
 * the first {@link OutOfMemoryError}. Bodies are generated while they are sent, never held by the test.
 * The filter bounds the bodies held at once (an eighth of the heap), so this passes down to a 64 MiB heap;
 * {@code -Dabuse.heap=32m} shows the test catching the server's {@link OutOfMemoryError}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MemoryAbuseTest {

  private static final long MIB = 1024 * 1024;
  private static final long HUGE_BODY = 200 * MIB;
  private static final int LIMIT = 4 * 1024 * 1024;
  private static final int TIMEOUT_MILLIS = 30_000;

  @TempDir static Path temporary;
  private Process server;
  private Path serverErrors;
  private int port;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void startServerWithSmallHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    serverErrors = temporary.resolve("server-stderr.txt");
    server = new ProcessBuilder(java, "-Xmx" + System.getProperty("abuse.heap", "256m"), "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), AbuseServerMain.class.getName())
        .redirectError(serverErrors.toFile())
        .start();
    CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
      } catch (IOException e) {
        return "failed: " + e;
      }
    });
    String line;
    try {
      line = firstLine.get(60, TimeUnit.SECONDS);
    } catch (Exception notStarted) {
      server.destroyForcibly();
      throw new AssertionError("the server did not start: " + Files.readString(serverErrors), notStarted);
    }
    assertThat(line).as("server output; errors: %s", Files.readString(serverErrors)).startsWith("PORT ");
    port = Integer.parseInt(line.substring("PORT ".length()).trim());
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server == null) {
      return;
    }
    server.destroyForcibly();
    server.waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void refusesA200MiBDeclaredBodyWith413WhileTheHeapGrowsByFarLessThanTheBody() throws Exception {
    assertRefusedWithoutBuffering(false);
  }

  @Test
  void refusesA200MiBChunkedBodyWith413WhileTheHeapGrowsByFarLessThanTheBody() throws Exception {
    assertRefusedWithoutBuffering(true);
  }

  @Test
  void handlesFiftyConcurrent4MiBBodiesWithoutOutOfMemoryError() throws Exception {
    int calls = 50;
    long before = probe().get("handled");
    ExecutorService senders = Executors.newFixedThreadPool(calls);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int call = 0; call < calls; call++) {
      long profile = call + 1;
      statuses.add(senders.submit(() -> {
        start.await();
        return sendLargeEvent(profile);
      }));
    }
    start.countDown();
    List<Integer> answers = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      answers.add(status.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS));
    }
    senders.shutdown();

    assertThat(answers).as(errors()).hasSize(calls).containsOnly(200);
    assertThat(server.isAlive()).as(errors()).isTrue();
    assertThat(Files.readString(serverErrors)).doesNotContain("OutOfMemoryError");
    assertThat(probe().get("handled") - before).isEqualTo(calls);
  }

  private void assertRefusedWithoutBuffering(boolean chunked) throws Exception {
    Map<String, Long> before = probe();
    AtomicLong sent = new AtomicLong();
    int status;
    try (Socket socket = connect()) {
      String head = "POST " + AbuseServerMain.WEBHOOKS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\n"
          + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + HUGE_BODY + "\r\n") + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      Thread writer = new Thread(() -> stream(out, chunked, sent), "huge-body-writer");
      writer.setDaemon(true);
      writer.start();
      status = RawHttp.status(socket.getInputStream());
    }
    Map<String, Long> after = probe();
    long allocated = after.get("allocated") - before.get("allocated");
    long grown = after.get("used") - before.get("used");

    String measured = "sent " + sent.get() + " bytes, server threads allocated " + allocated
        + " bytes, heap after GC grew " + grown + " bytes";
    assertThat(status).as(measured).isEqualTo(413);
    assertThat(allocated).as(measured).isLessThan(HUGE_BODY / 8);
    assertThat(grown).as(measured).isLessThan(HUGE_BODY / 16);
    assertThat(server.isAlive()).isTrue();
  }

  /** Writes up to 200 MiB of 'a', generated chunk by chunk, until done or the server closes. */
  private static void stream(OutputStream out, boolean chunked, AtomicLong sent) {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'a');
    byte[] chunkHeader = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    try {
      while (sent.get() < HUGE_BODY) {
        if (chunked) {
          out.write(chunkHeader);
        }
        out.write(block);
        if (chunked) {
          out.write(crlf);
        }
        sent.addAndGet(block.length);
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException closedByServer) {
      // expected: the server answers 413 and closes long before 200 MiB
    }
  }

  /** Sends a valid event of nearly 4 MiB (one huge field) with a declared length; returns the status. */
  private int sendLargeEvent(long profile) throws IOException {
    byte[] prefix = ("type=update&profile=" + profile + "&database=1&timestamp=2026-11-28+08%3A00%3A00"
        + "&fields%5Bmessage%5D=").getBytes(StandardCharsets.US_ASCII);
    int length = LIMIT - 64;
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + AbuseServerMain.WEBHOOKS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
          + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(prefix);
      byte[] block = new byte[64 * 1024];
      Arrays.fill(block, (byte) 'a');
      for (int remaining = length - prefix.length; remaining > 0; remaining -= block.length) {
        out.write(block, 0, Math.min(block.length, remaining));
      }
      out.flush();
      return RawHttp.status(socket.getInputStream());
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  private Map<String, Long> probe() throws Exception {
    String text = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + AbuseServerMain.HEAP))
            .timeout(Duration.ofSeconds(30)).build(),
        BodyHandlers.ofString()).body();
    Map<String, Long> values = new HashMap<>();
    for (String pair : text.trim().split(" ")) {
      String[] parts = pair.split("=");
      values.put(parts[0], Long.parseLong(parts[1]));
    }
    return values;
  }

  private String errors() {
    try {
      return "server stderr: " + Files.readString(serverErrors);
    } catch (IOException e) {
      return "server stderr unreadable: " + e;
    }
  }
}
