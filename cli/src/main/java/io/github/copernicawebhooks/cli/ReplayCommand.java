package io.github.copernicawebhooks.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sends a captured call again, as it is or signed anew. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
        "Sends a captured call again, as it is or signed anew.",
        "FILE is a fixture file of `capture` or a raw HTTP request. As it is, its headers go unchanged, Host",
        "too, so its signature verifies where it did (a receiver's replay guard refuses a call it has seen).",
        "With --resign it is signed anew with --key."
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The captured call.")
  @SuppressWarnings("NullAway.Init")
  Path file;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The receiver's webhook URL.")
  @SuppressWarnings("NullAway.Init")
  URI url;

  @Option(names = "--resign", description = "Sign the body anew (new Date, nonce and signature) with --key.")
  boolean resign;

  @Mixin
  SigningOptions signing = new SigningOptions();

  @Override
  public Integer call() throws Exception {
    CapturedCall call = CapturedCall.parse(Files.readAllBytes(file));
    Map<String, String> headers = resign ? resigned(call) : Replaying.headersAsIs(call);
    return Calls.run(spec.commandLine().getOut(), 1, 1, () -> Delivery.post(url, headers, call.body()));
  }

  private Map<String, String> resigned(CapturedCall call) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    call.header("Content-Type").ifPresent(type -> headers.put("Content-Type", type));
    headers.putAll(signing.signer().headersFor("POST", Delivery.target(url), Delivery.host(url), call.body()));
    return headers;
  }
}
