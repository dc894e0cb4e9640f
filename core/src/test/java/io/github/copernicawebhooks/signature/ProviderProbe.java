package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.Security;

/**
 * The main class of {@link ProviderFallbackTest}'s forked JVMs: builds a verifier with the provider named
 * by its first argument (installed globally when there is a second), verifies one signed request, and prints
 * the provider in use and the JVM's first provider; exit status 3 with the message when the verifier cannot be
 * built.
 */
final class ProviderProbe {

  private ProviderProbe() {}

  public static void main(String[] args) {
    WebhookSigner signer = WebhookSigner.generate();
    SignatureVerifier verifier;
    try {
      verifier = SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.knownKeyResolver())
          .provider(SignatureProvider.parse(args[0])).installProviderGlobally(args.length > 1).build();
    } catch (IllegalStateException refused) {
      System.out.println("error=" + refused.getMessage());
      System.exit(3);
      return;
    }
    verifier.verify(signer.sign(WebhookRequest.builder().target("/hook").header("Host", "localhost")
        .body("type=update&profile=1".getBytes(StandardCharsets.UTF_8)).build()));
    System.out.println("provider=" + verifier.providerName());
    System.out.println("verified");
    System.out.println("first=" + Security.getProviders()[0].getName());
  }
}
