package io.github.copernicawebhooks.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The entry point of {@code java -jar copernica-webhooks-cli-<version>-all.jar}. Exit codes: 0 when every
 * answer was 2xx (or the command needed no answer), 1 otherwise or on an error, 2 for a usage error.
 */
@Command(
    name = "copernica-webhooks",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Make keys, trigger signed example events and send calls to a Copernica webhook receiver.",
    subcommands = {
        KeygenCommand.class,
        TriggerCommand.class,
        SendCommand.class,
        CaptureCommand.class,
        VerifyCommand.class,
        ReplayCommand.class,
        InboxCommand.class,
        CompletionCommand.class,
        HelpCommand.class
    })
public final class Main implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  private Main() {}

  // Held so that the level set on it stays: the JDK keeps loggers only weakly.
  private static final Logger SDK_LOG = Logger.getLogger("io.github.copernicawebhooks");

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    // The SDK's INFO lines (which signature provider it uses) are for servers, not for a command's output.
    SDK_LOG.setLevel(Level.WARNING);
    System.exit(commandLine().execute(args));
  }

  /** The tool's command line, for tests to execute with their own output streams. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    // A failed call or a bad key file is the user's to fix: a one-line message, not a stack trace.
    commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
      failed.getErr().println("error: " + messageOf(failure));
      return 1;
    });
    return commandLine;
  }

  private static String messageOf(Exception failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is missing");
  }
}
