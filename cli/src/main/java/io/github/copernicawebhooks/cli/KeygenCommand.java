package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes a key pair, or reads the one already written, and prints what a receiver pins: the DNS TXT record
 * and the public key PEM. Given the same files it prints the same every time.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {
        "Writes a key pair and prints the DNS TXT record and public key PEM to pin in a receiver.",
        "An existing private key file is kept, so the same files print the same keys."
    })
final class KeygenCommand implements Callable<Integer> {

  static final String DEFAULT_PRIVATE_KEY = "copernica-private-key.pem";
  static final String DEFAULT_PUBLIC_KEY = "copernica-public-key.pem";

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Option(names = {"-k", "--key"}, paramLabel = "FILE", defaultValue = DEFAULT_PRIVATE_KEY,
      description = "The private key file, kept when it exists (default: ${DEFAULT-VALUE}).")
  Path key = Path.of(DEFAULT_PRIVATE_KEY);

  @Option(names = "--public-key", paramLabel = "FILE", defaultValue = DEFAULT_PUBLIC_KEY,
      description = "The public key PEM file written from it (default: ${DEFAULT-VALUE}).")
  Path publicKey = Path.of(DEFAULT_PUBLIC_KEY);

  @Option(names = "--key-id", paramLabel = "NAME", defaultValue = WebhookSigner.DEFAULT_KEY_ID,
      description = "The DNS name of the TXT record (default: ${DEFAULT-VALUE}).")
  String keyId = WebhookSigner.DEFAULT_KEY_ID;

  @Override
  public Integer call() throws Exception {
    boolean existing = Files.exists(key);
    KeyPair pair = existing ? KeyFiles.read(key) : KeyFiles.generate();
    if (!existing) {
      KeyFiles.write(key, pair);
    }
    WebhookSigner signer = WebhookSigner.of(pair, WebhookSigner.DEFAULT_ACCOUNT_ID).withKeyId(keyId);
    Files.writeString(publicKey, signer.publicKeyPem(), StandardCharsets.US_ASCII);
    // The note goes to standard error so that standard output is the same on every run with these files.
    spec.commandLine().getErr().println((existing ? "kept " : "wrote ") + key + ", wrote " + publicKey);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Private key: " + key);
    out.println("Public key:  " + publicKey);
    out.println();
    out.println("DNS TXT record " + keyId + ":");
    out.println(signer.dkimRecord());
    out.println();
    out.println("Public key PEM:");
    out.print(signer.publicKeyPem());
    out.flush();
    return 0;
  }
}
