package io.github.copernicawebhooks.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.build.dns.Dnsmasq;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Floods of made-up key ids against a real DNS server (dnsmasq), on a simulated clock: the known key keeps
 * verifying, and a selector Copernica publishes during the flood resolves.
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
  private static final Duration FLOOD_TIME = Duration.ofMinutes(4);
  private static final Duration PUBLISHED = Duration.ofMinutes(1);
  // One refresh interval: the window within which a name is asked at most once.
  private static final Duration SELECTOR_EVERY = DnsPublicKeyResolver.DEFAULT_NEGATIVE_TTL;
  private static final byte[] SALT = "a fixed salt, so the false positives are the same each run".getBytes(UTF_8);

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
    CountingLookup dns = new CountingLookup(new JndiTxtLookup(server.url(), Duration.ofMillis(300)), clock);
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

  /**
   * The flood of the security review: 20 and 200 made-up key ids a second, each sent once, or twice (five
   * seconds apart, so that every second call of the flood competes with the new selector's second call).
   * Copernica publishes its next selector at minute 1 and then signs an event with it once a refresh
   * interval (a quiet account, or the sender's retry of a 503): the flood sends 1,200 to 12,000 other names
   * in between.
   */
  @ParameterizedTest(name = "{0} calls a second, each made-up name sent {1} times")
  @CsvSource({"20, 1", "20, 2", "200, 1", "200, 2"})
  void aNewSelectorPublishedDuringAFloodResolvesOnItsSecondCall(int perSecond, int sends) {
    Dnsmasq.binary();
    SimulatedClock clock = new SimulatedClock(START);
    WebhookSigner one = WebhookSigner.generate().withKeyId(ONE).withClock(clock);
    WebhookSigner two = WebhookSigner.generate(one.accountId()).withKeyId(TWO).withClock(clock);
    Dnsmasq server = start(0, new String[] {ONE, one.dkimRecord()});
    CountingLookup dns = new CountingLookup(new JndiTxtLookup(server.url(), Duration.ofMillis(300)), clock);
    DnsPublicKeyResolver resolver = DnsPublicKeyResolver.builder().clock(clock).salt(SALT).build(dns);
    SignatureVerifier verifier = SignatureVerifier.builder()
        .accountIds(one.accountId()).keyResolver(resolver).clock(clock).build();
    List<String> problems = new ArrayList<>();
    List<String> twoOutcomes = new ArrayList<>();
    expectVerified(verifier, one.sign(request()), problems, "before the flood: the known key");
    Flood flood = new Flood(perSecond, sends);
    long began = System.nanoTime();

    WebhookRequest template = one.sign(request());
    for (long millis = 0; millis < FLOOD_TIME.toMillis(); millis += flood.stepMillis()) {
      clock.set(START.plusMillis(millis));
      if (millis % 60_000 == 0) {
        template = one.sign(request()); // the flood's Date stays fresh
      }
      if (millis == PUBLISHED.toMillis()) {
        server = restartWithBothSelectors(server, one, two);
      }
      expectRefused(verifier, withKeyId(template, flood.next()), problems, (int) (millis / 60_000),
          Reason.KEY_NOT_FOUND, Reason.KEY_UNAVAILABLE);
      if (millis % 10_000 == 5_000) {
        expectVerified(verifier, one.sign(request()), problems, "at " + millis + " ms: the known key");
      }
      if (millis >= PUBLISHED.toMillis() && millis % SELECTOR_EVERY.toMillis() == 0) {
        verifies(verifier, two.sign(request()), twoOutcomes, (int) ((millis - PUBLISHED.toMillis()) / 1000));
      }
    }

    System.out.printf("DNS flood of %d calls a second, each name %d times: %d ms, %d queries for made-up names,"
        + " the new selector: %s%n", perSecond, sends, Duration.ofNanos(System.nanoTime() - began).toMillis(),
        dns.unknownQueries.get(), twoOutcomes);
    assertThat(problems).isEmpty();
    // Its first call may meet a drained budget of new names; its second, one refresh interval later, is
    // looked up, whatever the flood did in between.
    long every = SELECTOR_EVERY.toSeconds();
    assertThat(twoOutcomes).as("the new selector's calls, by seconds after it was published")
        .containsExactly(twoOutcomes.get(0), every + ": verified", 2 * every + ": verified");
    assertThat(dns.namesAskedTwiceWithin(DnsPublicKeyResolver.DEFAULT_NEGATIVE_TTL)).isEmpty();
    int minutes = (int) FLOOD_TIME.toMinutes();
    int perMinute = DnsPublicKeyResolver.DEFAULT_MAX_LOOKUPS_PER_MINUTE;
    // The budget of new names, one lookup per name that came back, and the memory's rare false positives.
    assertThat(dns.unknownQueries.get())
        .isLessThanOrEqualTo((minutes + 1) * perMinute + flood.namesSentAgain() + flood.calls() / 200);
  }

  private Dnsmasq restartWithBothSelectors(Dnsmasq server, WebhookSigner one, WebhookSigner two) {
    int port = server.port();
    server.close();
    servers.remove(server);
    return start(port, new String[] {ONE, one.dkimRecord()}, new String[] {TWO, two.dkimRecord()});
  }

  /** Made-up key ids at a steady rate; with two sends, every other call repeats the name of five seconds ago. */
  private static final class Flood {
    private final int perSecond;
    private final int sends;
    private final List<String> sentOnce = new ArrayList<>();
    private int calls;
    private int namesSentAgain;

    Flood(int perSecond, int sends) {
      this.perSecond = perSecond;
      this.sends = sends;
    }

    long stepMillis() {
      return 1000 / perSecond;
    }

    String next() {
      int lag = perSecond * 5 / 2;
      calls++;
      if (sends == 2 && calls % 2 == 0 && sentOnce.size() > lag) {
        namesSentAgain++;
        return sentOnce.get(sentOnce.size() - 1 - lag);
      }
      String name = "r" + Long.toUnsignedString(sentOnce.size() * 0x9E3779B97F4A7C15L, 36) + "._domainkey.copernica.com";
      sentOnce.add(name);
      return name;
    }

    int calls() {
      return calls;
    }

    int namesSentAgain() {
      return namesSentAgain;
    }
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
    private final Map<String, List<Instant>> askedAt = new ConcurrentHashMap<>();
    private final TxtLookup dns;
    private final Clock clock;

    CountingLookup(TxtLookup dns, Clock clock) {
      this.dns = dns;
      this.clock = clock;
    }

    /** The made-up names DNS was asked for twice within the given time. */
    List<String> namesAskedTwiceWithin(Duration window) {
      return askedAt.entrySet().stream()
          .filter(entry -> askedTwiceWithin(entry.getValue(), window))
          .map(Map.Entry::getKey)
          .toList();
    }

    private static boolean askedTwiceWithin(List<Instant> times, Duration window) {
      for (int i = 1; i < times.size(); i++) {
        if (times.get(i).isBefore(times.get(i - 1).plus(window))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public List<String> txt(String name) throws NamingException {
      boolean known = name.equals(ONE) || name.equals(TWO);
      (known ? knownQueries : unknownQueries).incrementAndGet();
      if (!known) {
        askedAt.computeIfAbsent(name, unused -> Collections.synchronizedList(new ArrayList<>())).add(clock.instant());
      }
      long began = System.nanoTime();
      try {
        return dns.txt(name);
      } finally {
        nanos.addAndGet(System.nanoTime() - began);
      }
    }
  }
}
