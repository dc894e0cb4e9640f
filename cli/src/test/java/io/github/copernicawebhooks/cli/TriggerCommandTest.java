package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TriggerCommandTest {

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

  static Stream<String> types() {
    return CopernicaTestSender.examples().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void everyEventTypeIsAnswered200(String type) {
    Cli.Run run = trigger(type);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).matches("200 in \\d+ ms: .*\\R");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--tamper-body", "--stale-date", "--wrong-account", "--unsigned"})
  void everyBadCaseIsRefusedWith401(String flag) {
    Cli.Run run = trigger("ProfileCreated", flag);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("401 in ");
  }

  @Test
  void setsAnyVariableOfTheExample() {
    int before = receiver.events().size();

    Cli.Run run = trigger("ProfileCreated", "--set", "fields.email=piet@example.com", "--set", "database=77");

    assertThat(run.exitCode()).isZero();
    var raw = receiver.events().get(before).raw();
    assertThat(raw.get("fields[email]")).containsExactly("piet@example.com");
    assertThat(raw.get("database")).containsExactly("77");
  }

  @Test
  void sendsATypeWithoutAnExampleAsAnUnknownEventOfThatType() {
    int before = receiver.events().size();

    Cli.Run run = trigger("survey-answered");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("no example of 'survey-answered'");
    assertThat(receiver.events().get(before).type()).isEqualTo("survey-answered");
  }

  @Test
  void makesCountCallsConcurrentlyAndSumsThemUp() {
    Cli.Run run = trigger("EmailOpened", "--count", "6", "--concurrency", "3");

    assertThat(run.exitCode()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.subList(0, 6)).allMatch(line -> line.matches("#[1-6] 200 in \\d+ ms: .*"));
    assertThat(lines.get(6)).isEqualTo("6 calls: 6 answered 2xx, 0 did not");
  }

  @Test
  void twoBadCasesAtOnceAreAUsageError() {
    Cli.Run run = trigger("ProfileCreated", "--unsigned", "--stale-date");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }

  @Test
  void aMissingUrlIsAUsageError() {
    Cli.Run run = Cli.run("trigger", "ProfileCreated", "--key", key);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--url=URL'");
  }

  @Test
  void aSetWithoutAValueIsAUsageError() {
    Cli.Run run = trigger("ProfileCreated", "--set", "database");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--set needs name=value");
  }

  @Test
  void aReceiverThatCannotBeReachedIsAnErrorWithoutAStackTrace() {
    Cli.Run run = Cli.run("trigger", "ProfileCreated", "--url", "http://127.0.0.1:1/webhooks", "--key", key);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ");
  }

  private static Cli.Run trigger(String type, String... more) {
    String[] args = Stream.concat(Stream.of("trigger", type, "--url", receiver.url(), "--key", key), Stream.of(more))
        .toArray(String[]::new);
    return Cli.run(args);
  }
}
