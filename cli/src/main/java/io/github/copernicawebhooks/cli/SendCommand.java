package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Signs a body file as it is, byte for byte, and sends it. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Signs the body in FILE as it is (form or JSON) and sends it; prints status, time and answer body.")
final class SendCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The body to send.")
  @SuppressWarnings("NullAway.Init")
  Path file;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The receiver's webhook URL.")
  @SuppressWarnings("NullAway.Init")
  URI url;

  @Option(names = "--content-type", paramLabel = "TYPE",
      description = "Content-Type to send (default: JSON when the body starts with { or [, else form).")
  @Nullable String contentType;

  @Mixin
  SigningOptions signing = new SigningOptions();

  @Override
  public Integer call() throws Exception {
    byte[] body = Files.readAllBytes(file);
    String type = contentType == null ? contentTypeOf(body) : contentType;
    var headers = BadCase.NONE.headers(signing.signer(), "POST", Delivery.target(url), Delivery.host(url), body, type);
    return Calls.run(spec.commandLine().getOut(), 1, 1, () -> Delivery.post(url, headers, body));
  }

  /** JSON when the first character that is not white space opens an object or array, else a form. */
  static String contentTypeOf(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[' ? WebhookBodies.JSON_CONTENT_TYPE : WebhookBodies.FORM_CONTENT_TYPE;
      }
    }
    return WebhookBodies.FORM_CONTENT_TYPE;
  }
}
