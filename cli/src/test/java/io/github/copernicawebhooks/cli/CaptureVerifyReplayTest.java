package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.build.dns.Dnsmasq;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureVerifyReplayTest {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir
  Path dir;

  private String key;
  private String publicKey;
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    key = dir.resolve("private.pem").toString();
    publicKey = dir.resolve("public.pem").toString();
    assertThat(Cli.run("keygen", "--key", key, "--public-key", publicKey).exitCode()).isZero();
    receiver = new Receiver(Path.of(publicKey));
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
  }

  @Test
  void captureThenVerifyThenReplayGetTheSameAnswer() throws Exception {
    Capture capture = capture("--forward", receiver.url());
    Cli.Run original = Cli.run("trigger", "ProfileCreated", "--url", capture.base + "webhooks", "--key", key);
    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();
    Path file = dir.resolve("captures/call-001.http");

    Cli.Run verify = Cli.run("verify", file.toString(), "--public-key", publicKey);
    Cli.Run asIs;
    Cli.Run resigned;
    try (Receiver fresh = new Receiver(Path.of(publicKey))) {
      asIs = Cli.run("replay", file.toString(), "--url", fresh.url());
      resigned = Cli.run("replay", file.toString(), "--url", receiver.url(), "--resign", "--key", key);
    }

    assertThat(original.out()).startsWith("200 in ");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("  passed   Digest of the body").endsWith("verified\n");
    assertThat(verify.out().lines().filter(line -> line.startsWith("  passed "))).hasSize(7);
    assertThat(verify.out())
        .contains("  passed   Signature header          keyId=\"test._domainkey.copernica.com\",algorithm=\"rsa-sha256\","
            + "headers=\"(request-target) host date x-copernica-id digest x-nonce\"\n",
            "  passed   Public key                keyId test._domainkey.copernica.com\n")
        .doesNotContain("signature=\"");
    assertThat(answerBody(asIs)).isEqualTo(answerBody(original));
    assertThat(answerBody(resigned)).isEqualTo(answerBody(original));
    assertThat(asIs.out()).startsWith("200 in ");
    assertThat(resigned.out()).startsWith("200 in ");
  }

  @Test
  void writesTheCallExactlyAsItArrived() throws Exception {
    Capture capture = capture();
    Cli.Run trigger = Cli.run("trigger", "EmailOpened", "--url", capture.base + "hooks?x=1", "--key", key);
    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();

    byte[] file = Files.readAllBytes(dir.resolve("captures/call-001.http"));
    String text = new String(file, StandardCharsets.ISO_8859_1);
    String body = CopernicaTestSender.examples().get("EmailOpened");
    assertThat(trigger.out()).startsWith("200 in ").contains("captured call-001.http");
    assertThat(text).startsWith("POST /hooks?x=1 HTTP/1.1\r\n")
        .contains("\r\nContent-Length: " + body.length() + "\r\n", "\r\nX-Copernica-ID: account_1234\r\n",
            "\r\nSignature: keyId=\"test._domainkey.copernica.com\",algorithm=\"rsa-sha256\"")
        .endsWith("\r\n\r\n" + body);
  }

  @Test
  void aCallThatIsNotHttpIsAnswered400AndTheCaptureGoesOn() throws Exception {
    Capture capture = capture("--max-calls=2");
    URI base = URI.create(capture.base);
    String answer;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.getOutputStream().write("hello\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
    Cli.Run trigger = Cli.run("trigger", "ProfileCreated", "--url", capture.base + "webhooks", "--key", key);

    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(answer).startsWith("HTTP/1.1 400 ").contains("not an HTTP request line");
    assertThat(trigger.out()).startsWith("200 in ").contains("captured call-001.http");
  }

  @Test
  void verifyShowsTheStepThatFailedAndTheStepsThatDidNotRun() throws Exception {
    Path file = capturedTrigger();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);

    Cli.Run run = Cli.run("verify", file.toString(), "--public-key", publicKey);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("  passed   Signature                 \n",
        "  failed   Digest of the body        DIGEST_MISMATCH: ").endsWith("not verified: DIGEST_MISMATCH\n");
  }

  @Test
  void verifyFindsTheKeyInTheTxtRecordKeygenPrinted() throws Exception {
    String keyId = "cli._domainkey.copernica.com";
    Cli.Run keygen = Cli.run("keygen", "--key", key, "--public-key", publicKey, "--key-id", keyId);
    String record = keygen.out().lines().filter(line -> line.startsWith("v=DKIM1")).findFirst().orElseThrow();
    Capture capture = capture();
    Cli.run("trigger", "ProfileCreated", "--url", capture.base + "webhooks", "--key", key, "--key-id", keyId);
    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();

    try (Dnsmasq dns = Dnsmasq.start(List.<String[]>of(new String[] {keyId, record}))) {
      Cli.Run run = Cli.run("verify", dir.resolve("captures/call-001.http").toString(), "--dns-server", dns.url());

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out()).contains("key: DNS at " + dns.url()).endsWith("verified\n");
    }
  }

  @Test
  void verifyReadsAHandWrittenRequestWithBareLineFeeds() throws Exception {
    Path file = capturedTrigger();
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    int head = text.indexOf("\r\n\r\n");
    Files.writeString(file, text.substring(0, head).replace("\r\n", "\n") + "\n\n" + text.substring(head + 4),
        StandardCharsets.ISO_8859_1);

    Cli.Run run = Cli.run("verify", file.toString(), "--public-key", publicKey);

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).endsWith("verified\n");
  }

  @Test
  void verifyWithAnotherKeyFailsAtTheSignature() throws Exception {
    Path file = capturedTrigger();
    String otherKey = dir.resolve("other.pem").toString();
    String otherPublic = dir.resolve("other-public.pem").toString();
    Cli.run("keygen", "--key", otherKey, "--public-key", otherPublic);

    Cli.Run run = Cli.run("verify", file.toString(), "--public-key", otherPublic);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("  failed   Signature                 SIGNATURE_INVALID",
        "  not run  Digest of the body");
  }

  @Test
  void verifyChecksTheDateAgainstTheCallsOwnUnlessAskedForNow() throws Exception {
    Capture capture = capture();
    Cli.run("trigger", "ProfileDeleted", "--url", capture.base, "--key", key, "--stale-date");
    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();
    Path file = dir.resolve("captures/call-001.http");

    assertThat(Cli.run("verify", file.toString(), "--public-key", publicKey).exitCode()).isZero();
    Cli.Run now = Cli.run("verify", file.toString(), "--public-key", publicKey, "--now");
    assertThat(now.exitCode()).isEqualTo(1);
    assertThat(now.out()).contains("  failed   Date                      DATE_STALE");
  }

  @Test
  void replayAsItIsOfACallTheReceiverHasSeenIsRefusedByItsReplayGuard() throws Exception {
    Capture capture = capture("--forward", receiver.url());
    Cli.run("trigger", "ProfileCreated", "--url", capture.base + "webhooks", "--key", key);
    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();

    Cli.Run run = Cli.run("replay", dir.resolve("captures/call-001.http").toString(), "--url", receiver.url());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).doesNotStartWith("200 ");
  }

  private Path capturedTrigger() throws Exception {
    Capture capture = capture();
    Cli.run("trigger", "ProfileCreated", "--url", capture.base + "webhooks", "--key", key);
    assertThat(capture.exitCode.get(30, TimeUnit.SECONDS)).isZero();
    return dir.resolve("captures/call-001.http");
  }

  private static String answerBody(Cli.Run run) {
    return run.out().substring(run.out().indexOf(": ") + 2);
  }

  /** A capture of one call running in the background, and the base URL it listens on. */
  private record Capture(String base, CompletableFuture<Integer> exitCode) {}

  private Capture capture(String... more) throws InterruptedException {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    List<String> args = new ArrayList<>(List.of("capture", "--port", "0", "--dir=" + dir.resolve("captures")));
    args.addAll(List.of(more));
    if (args.stream().noneMatch(arg -> arg.startsWith("--max-calls"))) {
      args.add("--max-calls=1");
    }
    CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> commandLine.execute(args.toArray(String[]::new)));
    while (true) {
      Matcher listening = LISTENING.matcher(out.toString());
      if (listening.find()) {
        return new Capture(listening.group(1), exitCode);
      }
      assertThat(exitCode).as("capture stopped: " + out).isNotDone();
      // Polls for the line (the 60 s timeout bounds it): no fixed wait.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }
}
