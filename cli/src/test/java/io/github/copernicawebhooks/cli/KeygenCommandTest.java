package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeygenCommandTest {

  @TempDir
  Path dir;

  @Test
  void writesAKeyPairAndPrintsTheTxtRecordAndPem() throws Exception {
    Cli.Run run = keygen();

    assertThat(run.exitCode()).isZero();
    String publicPem = Files.readString(dir.resolve("public.pem"));
    assertThat(Files.readString(dir.resolve("private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(run.out())
        .contains("DNS TXT record test._domainkey.copernica.com:\nv=DKIM1; k=rsa; p=")
        .endsWith("Public key PEM:\n" + publicPem);
  }

  @Test
  void printsTheSameKeysWhenGivenTheSameFiles() throws Exception {
    Cli.Run first = keygen();
    String privateKey = Files.readString(dir.resolve("private.pem"));

    Cli.Run second = keygen();

    assertThat(second.out()).isEqualTo(first.out());
    assertThat(Files.readString(dir.resolve("private.pem"))).isEqualTo(privateKey);
    assertThat(second.err()).startsWith("kept ");
  }

  @Test
  void makesADifferentKeyForAnotherFile() {
    Cli.Run first = keygen();
    Cli.Run other = Cli.run("keygen", "--key", dir.resolve("other.pem").toString(),
        "--public-key", dir.resolve("other-public.pem").toString());

    assertThat(txtRecord(other)).isNotEqualTo(txtRecord(first));
  }

  @Test
  void aReceiverThatPinsThePrintedKeyAcceptsWhatTheToolSigns() throws Exception {
    keygen();
    try (Receiver receiver = new Receiver(dir.resolve("public.pem"))) {
      Cli.Run trigger = Cli.run("trigger", "ProfileCreated", "--url", receiver.url(),
          "--key", dir.resolve("private.pem").toString());

      assertThat(trigger.exitCode()).as(trigger.err()).isZero();
      assertThat(trigger.out()).startsWith("200 in ");
      assertThat(receiver.events()).hasSize(1);
    }
  }

  @Test
  void refusesAFileThatHoldsNoPrivateKey() throws Exception {
    Files.writeString(dir.resolve("private.pem"), "not a key\n");

    Cli.Run run = keygen();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ").contains("holds no '-----BEGIN PRIVATE KEY-----' block");
  }

  private Cli.Run keygen() {
    return Cli.run("keygen", "--key", dir.resolve("private.pem").toString(),
        "--public-key", dir.resolve("public.pem").toString());
  }

  private static String txtRecord(Cli.Run run) {
    return run.out().lines().filter(line -> line.startsWith("v=DKIM1")).findFirst().orElseThrow();
  }
}
