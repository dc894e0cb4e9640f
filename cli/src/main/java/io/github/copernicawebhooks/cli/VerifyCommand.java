package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.signature.DnsPublicKeyResolver;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.VerifiedHead;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks the signature of a captured call the way a receiver does, printing each step. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Verifies the signature of a captured call and prints each step.",
        "FILE is a fixture file of `capture` or a raw HTTP request; the key is a pinned PEM or the keyId's",
        "TXT record in DNS. Exit code 0 when it verifies, else 1."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The captured call.")
  @SuppressWarnings("NullAway.Init")
  Path file;

  @Option(names = "--public-key", paramLabel = "PEM",
      description = "The public key PEM file to trust (default: look the keyId up in DNS).")
  @Nullable Path publicKey;

  @Option(names = "--dns-server", paramLabel = "URL",
      description = "The DNS server to ask, for example dns://127.0.0.1:5353 (default: the system's).")
  @Nullable String dnsServer;

  @Option(names = "--account", paramLabel = "ID",
      description = "An account id to accept (repeatable; default: the call's own X-Copernica-ID).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--now", description = "Check the Date against the current time, not against the call's own Date.")
  boolean now;

  @Override
  public Integer call() throws Exception {
    CapturedCall call = CapturedCall.parse(Files.readAllBytes(file));
    PrintWriter out = spec.commandLine().getOut();
    out.println(call.method() + " " + call.target() + " (" + call.body().length + " body bytes)");
    Optional<WebhookException> failure = verify(call, out);
    VerifySteps.print(out, call, failure);
    out.flush();
    return failure.isEmpty() ? 0 : 1;
  }

  private Optional<WebhookException> verify(CapturedCall call, PrintWriter out) throws Exception {
    SignatureVerifier.Builder verifier = SignatureVerifier.builder()
        .keyResolver(resolver())
        .accountIds(accounts.isEmpty() ? List.of(call.header("X-Copernica-ID").orElse("")) : accounts);
    Optional<Instant> date = now ? Optional.empty() : dateOf(call);
    date.ifPresent(instant -> verifier.clock(Clock.fixed(instant, ZoneOffset.UTC)));
    out.println("key: " + (publicKey == null ? "DNS" + (dnsServer == null ? "" : " at " + dnsServer) : publicKey.toString())
        + "; accounts: " + (accounts.isEmpty() ? "the call's own" : String.join(", ", accounts))
        + "; time: " + (date.isPresent() ? "the call's Date (--now for the current time)" : "now"));
    WebhookRequest request = call.toRequest();
    try {
      SignatureVerifier built = verifier.build();
      VerifiedHead head = built.verifyHead(request);
      built.verifyBodyExceptReplay(head, request.body());
      return Optional.empty();
    } catch (WebhookException e) {
      return Optional.of(e);
    }
  }

  private PublicKeyResolver resolver() throws IOException {
    if (publicKey != null) {
      return PublicKeyResolver.fromPem(Files.readString(publicKey));
    }
    DnsPublicKeyResolver.Builder dns = DnsPublicKeyResolver.builder();
    if (dnsServer != null) {
      dns.dnsServer(dnsServer);
    }
    return dns.build();
  }

  private static Optional<Instant> dateOf(CapturedCall call) {
    try {
      return call.header("Date").map(date -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
