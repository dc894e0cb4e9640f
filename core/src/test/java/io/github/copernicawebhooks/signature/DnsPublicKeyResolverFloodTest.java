package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three simulated hours of a flood of made-up key ids against a real DNS server (dnsmasq): the known key
 * keeps verifying every minute, and a selector Copernica publishes during the flood resolves.
 */
class DnsPublicKeyResolverFloodTest {

  private static final String ONE = "one._domainkey.copernica.com";
  private static final String TWO = "two._domainkey.copernica.com";
  private static final int MINUTES = 180;
  private static final int FLOOD_PER_MINUTE = 100;
  private static final int JUNK_SIGNATURES_PER_MINUTE = 10;
  private static final int ROTATION_MINUTE = 150;
  private static final long SEED = 20260305L; // names and junk signatures only; outcomes do not depend on it
  private static final Instant START = Instant.parse("2026-03-05T09:00:00Z");

  private final List<Dnsmasq> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(Dnsmasq::close);
  }

  @Test
  void aFloodOfUnknownKeyIdsBlocksNeitherTheKnownKeyNorANewSelector() {
    Dnsmasq.binary();
    Random random = new Random(SEED);
    SimulatedClock clock = new SimulatedClock(START);
    WebhookSigner one = WebhookSigner.generate().withKeyId(ONE).withClock(clock);
    WebhookSigner two = WebhookSigner.generate(one.accountId()).withKeyId(TWO).withClock(clock);
    Dnsmasq server = start(0, new String[] {ONE, one.dkimRecord()});
    CountingLookup dns = new CountingLookup(new JndiTxtLookup(server.url(), Duration.ofMillis(300)));
    SignatureVerifier verifier = SignatureVerifier.builder()
        .accountIds(one.accountId()).keyResolver(resolver(dns, clock)).clock(clock).build();
    List<String> problems = new ArrayList<>();
    List<String> twoOutcomes = new ArrayList<>();
    Optional<Integer> twoVerifiedFrom = Optional.empty();
    clock.set(START.minus(Duration.ofMinutes(1)));
    expectVerified(verifier, one.sign(request()), problems, "before the flood: the known key");
    long began = System.nanoTime();

    for (int minute = 0; minute < MINUTES; minute++) {
      Instant minuteStart = START.plus(Duration.ofMinutes(minute));
      if (minute == ROTATION_MINUTE) {
        // Copernica publishes its next selector: the same server, restarted with both records.
        int port = server.port();
        server.close();
        servers.remove(server);
        server = start(port, new String[] {ONE, one.dkimRecord()}, new String[] {TWO, two.dkimRecord()});
      }
      clock.set(minuteStart);
      WebhookRequest template = one.sign(request());
      boolean twoVerified = false;
      // Events in time order, one flood call every 600 ms; the genuine calls come right after a flood call.
      for (int i = 0; i < FLOOD_PER_MINUTE; i++) {
        clock.set(minuteStart.plusMillis(600L * i));
        expectRefused(verifier, withKeyId(template, randomKeyId(random)), problems, minute, Reason.KEY_NOT_FOUND,
            Reason.KEY_UNAVAILABLE);
        if (i % (FLOOD_PER_MINUTE / JUNK_SIGNATURES_PER_MINUTE) == 5) {
          expectRefused(verifier, withJunkSignature(template, random), problems, minute, Reason.SIGNATURE_INVALID);
        }
        if (i == 50) {
          expectVerified(verifier, one.sign(request()), problems, "minute " + minute + ": the known key");
        }
        if (minute >= ROTATION_MINUTE && (i == 75 || (i == 83 && minute == ROTATION_MINUTE && !twoVerified))) {
          // From the rotation on Copernica signs with the new selector too; at minute 150 a second call
          // (its next event, or a retry of a 503) follows eight seconds after the first.
          twoVerified = verifies(verifier, two.sign(request()), twoOutcomes, minute);
        }
      }
      if (minute >= ROTATION_MINUTE) {
        if (twoVerified && twoVerifiedFrom.isEmpty()) {
          twoVerifiedFrom = Optional.of(minute);
        } else if (!twoVerified) {
          problems.add("minute " + minute + ": the new selector did not verify");
        }
      }
    }

    long millis = Duration.ofNanos(System.nanoTime() - began).toMillis();
    System.out.printf("DNS flood: %d simulated minutes in %d ms, real DNS queries: %d for unknown names,"
        + " %d for the two selectors, %d ms in DNS; new selector at minute %d: %s%n", MINUTES, millis,
        dns.unknownQueries.get(), dns.knownQueries.get(), dns.nanos.get() / 1_000_000, ROTATION_MINUTE,
        twoOutcomes.subList(0, 2));
    assertThat(problems).isEmpty();
    assertThat(twoVerifiedFrom).as("first minute the new selector verified").contains(ROTATION_MINUTE);
    // One budget of first sightings a minute (plus its initial burst) for the flood, nothing more; known
    // names at most once a minute each (refreshes asked for by the junk signatures, and the hourly ones).
    int perMinute = DnsPublicKeyResolver.DEFAULT_MAX_LOOKUPS_PER_MINUTE;
    assertThat(dns.unknownQueries.get()).isBetween(MINUTES * perMinute - perMinute, (MINUTES + 1) * perMinute);
    assertThat(dns.knownQueries.get()).isLessThanOrEqualTo(MINUTES + (MINUTES - ROTATION_MINUTE) + 2);
  }

  private static DnsPublicKeyResolver resolver(TxtLookup dns, SimulatedClock clock) {
    return DnsPublicKeyResolver.builder().clock(clock).build(dns);
  }

  private static boolean verifies(SignatureVerifier verifier, WebhookRequest request, List<String> outcomes,
      int minute) {
    try {
      verifier.verify(request);
      outcomes.add(minute + ": verified");
      return true;
    } catch (WebhookException e) {
      outcomes.add(minute + ": " + e.reason());
      return false;
    }
  }

  private static void expectVerified(SignatureVerifier verifier, WebhookRequest request, List<String> problems,
      String what) {
    try {
      verifier.verify(request);
    } catch (WebhookException e) {
      problems.add(what + " was refused: " + e.reason() + " " + e.getMessage());
    }
  }

  private static void expectRefused(SignatureVerifier verifier, WebhookRequest request, List<String> problems,
      int minute, Reason... expected) {
    try {
      verifier.verify(request);
      problems.add("minute " + minute + ": a forged call was accepted");
    } catch (WebhookException e) {
      if (!List.of(expected).contains(e.reason())) {
        problems.add("minute " + minute + ": a forged call was refused with " + e.reason() + ", expected one of "
            + List.of(expected) + ": " + e.getMessage());
      }
    }
  }

  private static String randomKeyId(Random random) {
    return "r" + Long.toUnsignedString(random.nextLong(), 36) + "._domainkey.copernica.com";
  }

  private static WebhookRequest withKeyId(WebhookRequest signed, String keyId) {
    String signature = signed.header("Signature").orElseThrow();
    return signed.toBuilder().setHeader("Signature", signature.replace("keyId=\"" + ONE + "\"", "keyId=\"" + keyId + "\""))
        .build();
  }

  private static WebhookRequest withJunkSignature(WebhookRequest signed, Random random) {
    byte[] junk = new byte[256];
    random.nextBytes(junk);
    String signature = signed.header("Signature").orElseThrow();
    return signed.toBuilder()
        .setHeader("Signature", signature.replaceFirst("signature=\"[^\"]*\"",
            "signature=\"" + Base64.getEncoder().encodeToString(junk) + "\""))
        .build();
  }

  private static WebhookRequest request() {
    return WebhookRequest.builder()
        .target("/copernica")
        .header("Host", "hooks.example.com")
        .body("type=update&profile=1&database=2".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private Dnsmasq start(int port, String[]... records) {
    Dnsmasq server = port == 0 ? Dnsmasq.start(List.of(records)) : Dnsmasq.start(port, List.of(records));
    servers.add(server);
    return server;
  }

  /** Real DNS lookups, counted: the selectors Copernica publishes apart from every other name. */
  private static final class CountingLookup implements TxtLookup {
    final AtomicInteger knownQueries = new AtomicInteger();
    final AtomicInteger unknownQueries = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();
    private final TxtLookup dns;

    CountingLookup(TxtLookup dns) {
      this.dns = dns;
    }

    @Override
    public List<String> txt(String name) throws NamingException {
      (name.equals(ONE) || name.equals(TWO) ? knownQueries : unknownQueries).incrementAndGet();
      long began = System.nanoTime();
      try {
        return dns.txt(name);
      } finally {
        nanos.addAndGet(System.nanoTime() - began);
      }
    }
  }
}
