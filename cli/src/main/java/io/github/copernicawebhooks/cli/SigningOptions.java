package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The key file, account id and key id a signing command signs with. */
final class SigningOptions {

  @Option(names = {"-k", "--key"}, paramLabel = "FILE", defaultValue = KeygenCommand.DEFAULT_PRIVATE_KEY,
      description = "The private key file `keygen` wrote (default: ${DEFAULT-VALUE}).")
  Path key = Path.of(KeygenCommand.DEFAULT_PRIVATE_KEY);

  @Option(names = "--account", paramLabel = "ID", defaultValue = WebhookSigner.DEFAULT_ACCOUNT_ID,
      description = "The X-Copernica-ID to send (default: ${DEFAULT-VALUE}).")
  String account = WebhookSigner.DEFAULT_ACCOUNT_ID;

  @Option(names = "--key-id", paramLabel = "NAME", defaultValue = WebhookSigner.DEFAULT_KEY_ID,
      description = "The keyId in the Signature header (default: ${DEFAULT-VALUE}).")
  String keyId = WebhookSigner.DEFAULT_KEY_ID;

  /** The signer of these options. */
  WebhookSigner signer() throws IOException {
    return WebhookSigner.of(KeyFiles.read(key), account).withKeyId(keyId);
  }
}
