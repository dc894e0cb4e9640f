package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged runnable jar as a user runs it, with {@code java -jar}, after 'package' built it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliJarIT {

  @TempDir
  Path dir;

  @Test
  void theRunnableJarMakesAKeyAndTriggersAnEventTheReceiverAccepts() throws Exception {
    Path key = dir.resolve("private.pem");
    Path publicKey = dir.resolve("public.pem");
    assertThat(java("keygen", "--key", key.toString(), "--public-key", publicKey.toString()).exitCode()).isZero();

    try (Receiver receiver = new Receiver(publicKey)) {
      Cli.Run accepted = java("trigger", "EmailClicked", "--url", receiver.url(), "--key", key.toString());
      Cli.Run refused = java("trigger", "EmailClicked", "--url", receiver.url(), "--key", key.toString(),
          "--unsigned");

      assertThat(accepted.exitCode()).as(accepted.err()).isZero();
      assertThat(accepted.out()).startsWith("200 in ");
      assertThat(accepted.err()).as("the SDK's INFO lines stay out of a command's output").isEmpty();
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.out()).startsWith("401 in ");
      assertThat(receiver.events()).hasSize(1);
    }
  }

  @Test
  void aUsageErrorExitsWith2() throws Exception {
    assertThat(java("trigger").exitCode()).isEqualTo(2);
  }

  private Cli.Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("cli.jar")));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
    return new Cli.Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
