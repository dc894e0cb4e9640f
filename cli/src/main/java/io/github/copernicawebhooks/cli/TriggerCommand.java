package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sends a signed example of an event type, or a deliberately bad one, and prints the answers. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
    description = {
        "Sends a signed example of an event type and prints status, time and answer body of each call.",
        "Exit code 0 when every answer was 2xx, else 1."
    })
final class TriggerCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TYPE", completionCandidates = EventTypes.class,
      description = {"The event type, in any case: ${COMPLETION-CANDIDATES}.",
          "Any other type is sent as an unknown event of that type."})
  String type = "";

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The receiver's webhook URL.")
  @SuppressWarnings("NullAway.Init")
  URI url;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Set a variable of the example, for example fields.email=a@example.com (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Calls to make (default: 1).")
  int count = 1;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1",
      description = "Calls to make at once (default: 1).")
  int concurrency = 1;

  @Mixin
  SigningOptions signing = new SigningOptions();

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Bad cases (one at most):%n")
  @Nullable BadCaseOptions bad;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || concurrency < 1) {
      throw new ParameterException(spec.commandLine(), "--count and --concurrency must be at least 1");
    }
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    WebhookSigner signer = signing.signer();
    BadCase badCase = bad == null ? BadCase.NONE : bad.badCase();
    String target = Delivery.target(url);
    String host = Delivery.host(url);
    return Calls.run(spec.commandLine().getOut(), count, concurrency, () -> Delivery.post(url,
        badCase.headers(signer, "POST", target, host, body, WebhookBodies.FORM_CONTENT_TYPE), badCase.sent(body)));
  }

  private String body() {
    String example = EventTypes.example(type).orElse(null);
    if (example == null) {
      spec.commandLine().getErr().println("no example of '" + type + "': sending an unknown event of that type");
      example = FormOverrides.apply(EventTypes.example(EventTypes.UNKNOWN).orElseThrow(), List.of("type=" + type));
    }
    try {
      return FormOverrides.apply(example, overrides);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
