package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendCommandTest {

  @TempDir
  static Path dir;

  private static Receiver receiver;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    key = dir.resolve("private.pem").toString();
    Path publicKey = dir.resolve("public.pem");
    assertThat(Cli.run("keygen", "--key", key, "--public-key", publicKey.toString()).exitCode()).isZero();
    receiver = new Receiver(publicKey);
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close();
  }

  @Test
  void signsAndSendsAFormBodyFile() throws Exception {
    Path body = dir.resolve("form.txt");
    Files.writeString(body, WebhookBodies.profileCreated().profile(31).encode());

    Cli.Run run = Cli.run("send", "--url", receiver.url(), "--key", key, body.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("200 in ");
    assertThat(last().raw().get("profile")).containsExactly("31");
  }

  @Test
  void signsAndSendsAJsonBodyFile() throws Exception {
    Path body = dir.resolve("body.json");
    Files.writeString(body, WebhookBodies.profileCreated().profile(32).encodeJson());

    Cli.Run run = Cli.run("send", "--url", receiver.url(), "--key", key, body.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(last().raw().get("profile")).containsExactly("32");
  }

  @Test
  void aBodyTheReceiverRefusesExitsWith1() throws Exception {
    Path body = dir.resolve("broken.txt");
    Files.writeString(body, "type=create");

    Cli.Run run = Cli.run("send", "--url", receiver.url(), "--key", key, body.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).matches("4\\d\\d in \\d+ ms: .*\\R");
  }

  private static WebhookEvent last() {
    return receiver.events().get(receiver.events().size() - 1);
  }
}
