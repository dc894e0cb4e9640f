package io.github.copernicawebhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpAndCompletionTest {

  @ParameterizedTest
  @ValueSource(strings = {"keygen", "trigger", "send", "capture", "verify", "replay", "inbox", "completion"})
  void everyCommandHasHelp(String command) {
    Cli.Run run = Cli.run(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: copernica-webhooks " + command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "show", "retry"})
  void everyInboxCommandHasHelpWithTheInheritedDatabaseOptions(String command) {
    Cli.Run run = Cli.run("inbox", command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: copernica-webhooks inbox " + command).contains("--jdbc-url=URL");
  }

  @Test
  void theTopLevelHelpListsTheCommands() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("keygen", "trigger", "send", "capture", "verify", "replay", "inbox", "completion");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Run run = Cli.run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("a command is missing");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Cli.Run run = Cli.run("trigerr");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument");
  }

  @Test
  void triggerHelpListsTheEventTypes() {
    assertThat(Cli.run("trigger", "--help").out()).contains("ProfileCreated", "EmailClicked", "UnknownEvent");
  }

  @Test
  void printsABashCompletionScriptOfEveryCommandAndEventType() {
    Cli.Run run = Cli.run("completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_copernica-webhooks", "trigger", "--tamper-body", "EmailBounced");
  }
}
