package io.github.copernicawebhooks.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the bash (and zsh) completion script of the whole tool. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {
        "Prints a bash completion script of every command and option.",
        "For example: source <(java -jar copernica-webhooks-cli-all.jar completion)",
        "Works in zsh too after 'autoload -U +X bashcompinit && bashcompinit'."
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Override
  public Integer call() {
    var root = spec.commandLine().getParent();
    spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
