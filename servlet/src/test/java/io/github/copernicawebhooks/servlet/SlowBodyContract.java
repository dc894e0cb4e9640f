package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.internal.BodyDeadline;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and stalled bodies over raw sockets against the filter in a real container, run by a subclass per
 * container and read mode. Uploads that declare 4 MiB and then trickle must neither keep a genuine call
 * waiting nor live past the body deadline: those with the right account id and a junk signature are refused
 * by their head before any room is reserved; those with a valid signature (their heads pass every check that
 * needs no body) exercise the deadline and the minimum rate. A refused body is discarded for at most two
 * seconds even while nothing arrives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SlowBodyContract {

  static final String PATH = "/webhooks/copernica";
  static final int DECLARED = 4 * 1024 * 1024;
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
  static final long BUDGET = 12L * 1024 * 1024;
  /** Room for slow machines: added to every deadline the server must meet. */
  static final long SLACK_MILLIS = 1_500;

  private final WebhookSigner signer = WebhookSigner.generate();
  private final List<Long> handled = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  @TempDir Path temporary;
  private CopernicaWebhookFilter filter;
  private AutoCloseable server;
  private int port;

  /** Starts the container with the filter at {@link #PATH}; returns it and sets nothing else. */
  abstract AutoCloseable start(CopernicaWebhookFilter filter, Path temporary) throws Exception;

  /** The port of the server {@link #start} returned. */
  abstract int port(AutoCloseable server);

  /**
   * How often a stalled upload sends a byte. Where a blocking read cannot be interrupted (Tomcat without
   * asynchronous processing) a stalled read ends with its next byte, so that variant trickles faster.
   */
  Duration trickleInterval() {
    return Duration.ofSeconds(10);
  }

  /**
   * Whether the container itself goes on reading an unread body after a blocking filter returned. Tomcat
   * does (up to its connector's {@code maxSwallowSize}, 2 MiB, each read bounded by its
   * {@code connectionTimeout}) before it closes a connection, whatever the filter answered; only a filter
   * that supports asynchronous processing escapes that.
   */
  boolean containerSwallowsUnreadBodies() {
    return false;
  }

  @BeforeEach
  void startServer() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build())
        .listener(event -> handled.add(((io.github.copernicawebhooks.event.ProfileEvent) event).profileId()))
        .build();
    filter = CopernicaWebhookFilter.builder(receiver).maxBufferedBytes(BUDGET).bodyTimeout(BODY_TIMEOUT).build();
    server = start(filter, temporary);
    port = port(server);
  }

  @AfterEach
  void stopServer() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
  }

  @Test
  void stalledUploadsLoseTheirRoomSoAGenuineCallIsAnswered200WithinTwoSecondsAndEndByTheDeadline() throws Exception {
    assertThat(sendGenuineCall(1)).as("a first call, which also warms the server up").isEqualTo(200);
    long steadyStart = System.nanoTime();
    Upload steady = Upload.open(this, signedHead(), Duration.ofMillis(100), 4096);
    waitUntil(() -> filter.budget().availableBytes() <= BUDGET - DECLARED, "room reserved for the steady upload");
    long stalledStart = System.nanoTime();
    List<Upload> junk = new ArrayList<>();
    List<Upload> stalled = new ArrayList<>();
    for (int upload = 0; upload < 2; upload++) {
      junk.add(Upload.open(this, junkSignedHead(), trickleInterval(), 1));
    }
    for (int upload = 0; upload < 4; upload++) {
      stalled.add(Upload.open(this, signedHead(), trickleInterval(), 1));
    }
    // two validly signed ones fill the budget with the steady one; the other two wait for room
    waitUntil(() -> filter.budget().availableBytes() < DECLARED && filter.budget().isContended(), "budget full");

    long sent = System.nanoTime();
    int status = sendGenuineCall(4711);
    long answeredMillis = millisSince(sent);

    assertThat(status).as("genuine call while uploads stall").isEqualTo(200);
    assertThat(answeredMillis).as("milliseconds until the genuine call was answered").isLessThan(2_000);
    assertThat(handled).containsExactly(1L, 4711L);
    // a stalled upload that got room after the first ones lost theirs may keep it until its own deadline
    long latestEnd = endOf(BODY_TIMEOUT.toMillis() + Duration.ofNanos(BodyDeadline.GRACE_NANOS).toMillis() + SLACK_MILLIS);
    for (Upload upload : junk) {
      Upload.Ending ending = upload.awaitEnd(stalledStart);
      assertThat(ending.status()).as("junk signature, refused by its head: %s", ending).isEqualTo(401);
      assertThat(ending.millis()).as("junk signature refused at once: %s", ending).isLessThan(SLACK_MILLIS);
    }
    for (Upload upload : stalled) {
      Upload.Ending ending = upload.awaitEnd(stalledStart);
      assertThat(ending.status()).as("stalled upload answered %s", ending).isIn(408, RawHttp.NO_ANSWER);
      assertThat(ending.millis()).as("stalled upload ended %s", ending).isLessThan(latestEnd);
    }
    Upload.Ending deadline = steady.awaitEnd(steadyStart);
    assertThat(deadline.status()).as("steady upload, above the minimum rate: %s", deadline).isEqualTo(408);
    assertThat(deadline.millis()).as("steady upload ends at the deadline: %s", deadline)
        .isBetween(BODY_TIMEOUT.toMillis() - 100, BODY_TIMEOUT.toMillis() + SLACK_MILLIS);
    waitUntil(() -> filter.budget().availableBytes() == BUDGET, "all room given back");
    assertThat(sendGenuineCall(4712)).isEqualTo(200);
  }

  @Test
  void discardsARefusedBodyForAtMostTwoSecondsWhileNothingArrives() throws Exception {
    String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: text/plain\r\n"
        + "Content-Length: " + DECLARED + "\r\n\r\n";
    long sent = System.nanoTime();
    Upload upload = Upload.open(this, head, trickleInterval(), 1);

    Upload.Ending answer = upload.awaitEnd(sent);

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.millis()).as("milliseconds until the refusal came").isLessThan(SLACK_MILLIS);
    if (containerSwallowsUnreadBodies()) {
      return;
    }
    assertThat(upload.awaitClose(sent)).as("milliseconds from sending to the closed connection")
        .isLessThan(endOf(UnreadBody.DISCARD_TIME.toMillis() + SLACK_MILLIS));
  }

  /** A stall ends with the next byte where reads cannot be interrupted: allow one more interval there. */
  private long endOf(long millis) {
    return trickleInterval().compareTo(Duration.ofSeconds(5)) < 0 ? millis + trickleInterval().toMillis() : millis;
  }

  private int sendGenuineCall(long profile) throws IOException {
    byte[] body = WebhookFilterContract.profileUpdate(profile);
    StringBuilder head = head(body.length);
    signer.headersFor("POST", PATH, "127.0.0.1:" + port, body)
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Connection: close\r\n\r\n");
    byte[] head8859 = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = Arrays.copyOf(head8859, head8859.length + body.length);
    System.arraycopy(body, 0, request, head8859.length, body.length);
    return RawHttp.exchange(port, request, 10_000);
  }

  private String signedHead() {
    byte[] body = new byte[DECLARED];
    Arrays.fill(body, (byte) 'a');
    StringBuilder head = head(DECLARED);
    signer.headersFor("POST", PATH, "127.0.0.1:" + port, body)
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString();
  }

  /** The right account id and well-formed headers, but a signature that cannot verify. */
  private String junkSignedHead() {
    Map<String, String> headers = new LinkedHashMap<>(
        signer.headersFor("POST", PATH, "127.0.0.1:" + port, new byte[DECLARED]));
    headers.put("Signature", "keyId=\"" + signer.keyId() + "\",algorithm=\"rsa-sha256\",headers=\""
        + String.join(" ", WebhookSigner.SIGNED_HEADERS) + "\",signature=\"" + "QUJD".repeat(86) + "\"");
    StringBuilder head = head(DECLARED);
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString();
  }

  private StringBuilder head(int length) {
    return new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n");
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /**
   * One upload on its own socket: the head, then a few bytes at a time on one daemon thread until it ends,
   * while another reads the answer and notes when it came.
   */
  static final class Upload {
    private final Socket socket;
    private final Thread writer;
    private final CompletableFuture<Arrival> answer = new CompletableFuture<>();

    private Upload(Socket socket, Thread writer) {
      this.socket = socket;
      this.writer = writer;
    }

    static Upload open(SlowBodyContract test, String head, Duration interval, int bytesEachTime) throws IOException {
      Socket socket = new Socket();
      test.sockets.add(socket);
      socket.connect(new InetSocketAddress("127.0.0.1", test.port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] chunk = new byte[bytesEachTime];
      Arrays.fill(chunk, (byte) 'a');
      Thread writer = new Thread(() -> {
        try {
          while (!socket.isClosed()) {
            out.write(chunk);
            out.flush();
            Thread.sleep(interval.toMillis()); // the pace of a slow sender, not an ordering
          }
        } catch (IOException | InterruptedException ended) {
          // the server closed the connection, or the test is over
        }
      }, "slow-upload");
      writer.setDaemon(true);
      Upload upload = new Upload(socket, writer);
      Thread reader = new Thread(upload::readAnswer, "slow-upload-answer");
      reader.setDaemon(true);
      reader.start();
      writer.start();
      return upload;
    }

    private void readAnswer() {
      int status;
      try {
        status = RawHttp.status(socket.getInputStream());
      } catch (SocketTimeoutException stillOpen) {
        answer.completeExceptionally(new AssertionError("no answer and no close within 30 s", stillOpen));
        return;
      } catch (IOException reset) {
        status = RawHttp.NO_ANSWER;
      }
      answer.complete(new Arrival(status, System.nanoTime()));
    }

    /** The status the server answered (or {@link RawHttp#NO_ANSWER} when it closed), and when, since {@code start}. */
    Ending awaitEnd(long start) throws Exception {
      Arrival arrival = answer.get(40, TimeUnit.SECONDS);
      return new Ending(arrival.status(), TimeUnit.NANOSECONDS.toMillis(arrival.nanos() - start));
    }

    /** Milliseconds from {@code since} until the server closed the connection (reads the rest of the answer). */
    long awaitClose(long since) throws Exception {
      answer.get(40, TimeUnit.SECONDS);
      try {
        byte[] rest = new byte[1024];
        while (socket.getInputStream().read(rest) >= 0) {
          // the rest of the answer
        }
      } catch (SocketTimeoutException stillOpen) {
        throw new AssertionError("the server kept the connection of a refused body open for 30 s", stillOpen);
      } catch (IOException reset) {
        // closed with unread bytes: a reset, which ends the connection just the same
      } finally {
        writer.interrupt();
      }
      return millisSince(since);
    }

    private record Arrival(int status, long nanos) {}

    record Ending(int status, long millis) {}
  }
}
