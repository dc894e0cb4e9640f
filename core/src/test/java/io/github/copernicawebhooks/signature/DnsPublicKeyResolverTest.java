package io.github.copernicawebhooks.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Caching, refresh and lookup budgets of the DNS resolver, over a scripted DNS and a simulated clock. */
class DnsPublicKeyResolverTest {

  private static final String ONE = "one._domainkey.copernica.com";
  private static final String TWO = "two._domainkey.copernica.com";
  private static final WebhookSigner FIRST = WebhookSigner.generate();
  private static final WebhookSigner SECOND = WebhookSigner.generate();
  private static final PublicKey FIRST_KEY = FIRST.resolver().resolve(ONE);
  private static final PublicKey SECOND_KEY = SECOND.resolver().resolve(ONE);
  private static final Duration TTL = Duration.ofHours(1);
  private static final byte[] SALT = "a fixed salt, so the false positives are the same each run".getBytes(UTF_8);

  private final ScriptedDns dns = new ScriptedDns();
  private final SimulatedClock clock = new SimulatedClock();

  private DnsPublicKeyResolver resolver(int maxLookupsPerMinute) {
    return DnsPublicKeyResolver.builder().clock(clock).maxLookupsPerMinute(maxLookupsPerMinute)
        .salt(SALT).build(dns);
  }

  private DnsPublicKeyResolver resolver() {
    return resolver(DnsPublicKeyResolver.DEFAULT_MAX_LOOKUPS_PER_MINUTE);
  }

  @Test
  void servesAResolvedKeyFromTheCacheUntilItsTtl() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();

    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
    clock.advance(Duration.ofMinutes(59));
    dns.records.put(ONE, List.of(SECOND.dkimRecord()));
    assertThat(resolver.resolve(ONE.toUpperCase() + ".")).isEqualTo(FIRST_KEY);
    assertThat(dns.queries).containsExactly(ONE);

    clock.advance(Duration.ofMinutes(2));
    assertThat(resolver.resolve(ONE)).isEqualTo(SECOND_KEY);
    assertThat(dns.queries).hasSize(2);
  }

  @Test
  void looksUpAnUnknownKeyIdAtOnce() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    dns.records.put(TWO, List.of(SECOND.dkimRecord()));

    assertThat(resolver.resolve(TWO)).isEqualTo(SECOND_KEY);
  }

  @Test
  void remembersAMissingNameForTheNegativeTtl() {
    DnsPublicKeyResolver resolver = resolver();
    assertRefused(resolver, ONE, Reason.KEY_NOT_FOUND);
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    assertRefused(resolver, ONE, Reason.KEY_NOT_FOUND);
    assertThat(dns.queries).hasSize(1);

    clock.advance(Duration.ofSeconds(75)); // the window and at most a quarter more
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
  }

  @Test
  void rateLimitsLookupsOfNamesSeenForTheFirstTime() {
    DnsPublicKeyResolver resolver = resolver(3);
    for (int i = 0; i < 3; i++) {
      assertRefused(resolver, "random" + i + ".copernica.com", Reason.KEY_NOT_FOUND);
    }
    for (int i = 3; i < 50; i++) {
      assertRefused(resolver, "random" + i + ".copernica.com", Reason.KEY_UNAVAILABLE);
    }
    assertThat(dns.queries).hasSize(3);

    clock.advance(Duration.ofSeconds(20)); // three a minute: one more
    assertRefused(resolver, "random50.copernica.com", Reason.KEY_NOT_FOUND);
    assertRefused(resolver, "random51.copernica.com", Reason.KEY_UNAVAILABLE);
    assertThat(dns.queries).hasSize(4);
  }

  @Test
  void looksUpANewSelectorThatIsAskedForAgainDespiteAFloodOfNamesThatAreNot() {
    dns.records.put(TWO, List.of(SECOND.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver(3);
    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> resolver.resolve(randomName()));
    }

    assertThatThrownBy(() -> resolver.resolve(TWO))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE))
        .hasMessageContaining("rate-limited").hasMessageContaining("priority when it is asked for again");
    for (int i = 0; i < 100; i++) {
      assertRefused(resolver, randomName(), Reason.KEY_UNAVAILABLE);
    }
    assertThat(resolver.resolve(TWO)).isEqualTo(SECOND_KEY);
    assertThat(dns.queries).hasSize(4).endsWith(TWO);
  }

  @Test
  void looksUpEachNameAskedForAgainOnceSoThatAFloodRepeatingItsNamesCannotUseUpTheTurnOfANewSelector() {
    dns.records.put(TWO, List.of(SECOND.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver(3);
    for (int i = 0; i < 3; i++) {
      assertRefused(resolver, "drain" + i + ".copernica.com", Reason.KEY_NOT_FOUND);
    }
    for (int i = 0; i < 200; i++) {
      assertRefused(resolver, "again" + i + ".copernica.com", Reason.KEY_UNAVAILABLE);
    }
    assertRefused(resolver, TWO, Reason.KEY_UNAVAILABLE);

    for (int i = 0; i < 200; i++) {
      assertRefused(resolver, "again" + i + ".copernica.com", Reason.KEY_NOT_FOUND);
    }
    assertThat(resolver.resolve(TWO)).isEqualTo(SECOND_KEY);
    for (int i = 0; i < 200; i++) {
      assertRefused(resolver, "again" + i + ".copernica.com", Reason.KEY_NOT_FOUND); // asked once a window
    }
    assertThat(dns.queries).hasSize(3 + 200 + 1).doesNotHaveDuplicates();
  }

  @Test
  void aNewSelectorKeepsItsPriorityThroughAFloodOfFiftyThousandOtherNames() {
    dns.records.put(TWO, List.of(SECOND.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver(3);
    for (int i = 0; i < 3; i++) {
      assertRefused(resolver, randomName(), Reason.KEY_NOT_FOUND);
    }
    assertRefused(resolver, TWO, Reason.KEY_UNAVAILABLE);

    for (int i = 0; i < 50_000; i++) {
      assertThatThrownBy(() -> resolver.resolve(randomName()));
    }
    assertThat(resolver.resolve(TWO)).isEqualTo(SECOND_KEY);
    // False positives of the memory of refused names: one extra lookup each, a few in a thousand.
    assertThat(dns.queries).hasSizeLessThan(3 + 1 + 250).endsWith(TWO);
  }

  @Test
  void asksDnsAtMostOncePerNameAndWindowWhenItDoesNotAnswer() {
    dns.failing = true;
    DnsPublicKeyResolver resolver = resolver(10_000);
    for (int i = 0; i < 50; i++) {
      assertRefused(resolver, ONE, Reason.KEY_UNAVAILABLE);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(dns.queries).containsExactly(ONE);

    clock.advance(Duration.ofSeconds(25)); // the window and at most a quarter more
    dns.failing = false;
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
  }

  @Test
  void aNameThatHadItsPriorityLookupWithoutAKeyWaitsForTheBudgetOfNewNames() {
    DnsPublicKeyResolver resolver = resolver(1);
    assertRefused(resolver, "drain0.copernica.com", Reason.KEY_NOT_FOUND);
    assertRefused(resolver, TWO, Reason.KEY_UNAVAILABLE);
    assertRefused(resolver, TWO, Reason.KEY_NOT_FOUND);
    clock.advance(Duration.ofMinutes(2));
    assertRefused(resolver, "drain1.copernica.com", Reason.KEY_NOT_FOUND);
    dns.records.put(TWO, List.of(SECOND.dkimRecord()));

    assertThatThrownBy(() -> resolver.resolve(TWO))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE))
        .hasMessageContaining("had its priority lookup, without a key");
    assertThat(dns.queries).hasSize(3);
    clock.advance(Duration.ofMinutes(1)); // a token of the budget of new names
    assertThat(resolver.resolve(TWO)).isEqualTo(SECOND_KEY);
  }

  @Test
  void refreshesAKnownKeyOutsideTheBudgetOfUnknownNames() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver(3);
    resolver.resolve(ONE);
    dns.records.put(ONE, List.of(SECOND.dkimRecord()));

    for (int minute = 0; minute <= 60; minute++) {
      for (int i = 0; i < 100; i++) {
        assertThatThrownBy(() -> resolver.resolve(randomName()));
      }
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(resolver.resolve(ONE)).isEqualTo(SECOND_KEY);
  }

  @Test
  void reportsDnsFailureAsKeyUnavailable() {
    dns.failing = true;

    assertRefused(resolver(), ONE, Reason.KEY_UNAVAILABLE);
  }

  @Test
  void servesAStaleKeyWhileDnsIsDownUpToMaxStaleAndAsksDnsOnceAMinute() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    dns.failing = true;

    clock.advance(TTL);
    for (int second = 0; second < 90; second++) {
      assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(dns.queries).hasSize(3); // the first lookup, and one try a minute since the TTL ran out

    clock.advance(DnsPublicKeyResolver.DEFAULT_MAX_STALE.minus(Duration.ofMinutes(2)));
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> resolver.resolve(ONE))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE))
        .hasMessageContaining("past its TTL").hasMessageContaining("CommunicationException");

    dns.failing = false;
    clock.advance(Duration.ofMinutes(1));
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
  }

  @Test
  void neverServesAStaleKeyWithMaxStaleZero() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver =
        DnsPublicKeyResolver.builder().clock(clock).maxStale(Duration.ZERO).build(dns);
    resolver.resolve(ONE);
    dns.failing = true;
    clock.advance(TTL);

    assertRefused(resolver, ONE, Reason.KEY_UNAVAILABLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"timeout", "garbled", "short", "unversioned", "ed25519", "spf"})
  void aRefreshWithoutAUsableKeyKeepsTheGoodOne(String failure) throws Exception {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    breakRecord(failure);

    clock.advance(TTL.plusMinutes(1));
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
    clock.advance(Duration.ofMinutes(1));
    assertThat(resolver.refresh(ONE, FIRST_KEY)).isEmpty();
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
    assertThat(dns.queries).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"removed", "revoked"})
  void aRefreshAfterABadSignatureNeverDropsAKeyBeforeItsTtl(String withdrawal) throws Exception {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    breakRecord(withdrawal);
    clock.advance(Duration.ofMinutes(2));

    assertThat(resolver.refresh(ONE, FIRST_KEY)).isEmpty();
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
    assertThat(dns.queries).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"removed", "revoked"})
  void dropsAKeyItsOwnerWithdrewOnceItsTtlHasRunOut(String withdrawal) throws Exception {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    breakRecord(withdrawal);
    clock.advance(TTL);

    assertThatThrownBy(() -> resolver.resolve(ONE))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND))
        .hasMessageContaining(withdrawal.equals("removed") ? "no DNS record" : "revokes its key");
    assertRefused(resolver, ONE, Reason.KEY_NOT_FOUND);
    assertThat(dns.queries).hasSize(2);
  }

  @Test
  void refreshesAKeyRotatedInPlaceOnlyAfterTheNegativeTtl() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    dns.records.put(ONE, List.of(SECOND.dkimRecord()));

    assertThat(resolver.refresh(ONE, FIRST_KEY)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(resolver.refresh(ONE, FIRST_KEY)).contains(SECOND_KEY);
    assertThat(resolver.resolve(ONE)).isEqualTo(SECOND_KEY);
  }

  @Test
  void refreshesForBadSignaturesAskDnsAtMostOnceAMinutePerName() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);

    for (int second = 0; second < 300; second++) {
      for (int i = 0; i < 10; i++) {
        assertThat(resolver.refresh(ONE, FIRST_KEY)).isEmpty();
      }
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(dns.queries).hasSize(1 + 4);
  }

  @Test
  void refreshFindsNothingNewWhenTheRecordIsUnchanged() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    clock.advance(Duration.ofMinutes(2));

    assertThat(resolver.refresh(ONE, FIRST_KEY)).isEmpty();
  }

  @Test
  void boundsAndExpiresTheNamesRememberedWithoutAKey() {
    DnsPublicKeyResolver resolver = resolver(10_000);
    int limit = DnsPublicKeyResolver.MAX_NEGATIVE_ENTRIES;
    for (int i = 0; i <= limit; i++) {
      assertRefused(resolver, "missing" + i + ".copernica.com", Reason.KEY_NOT_FOUND);
    }
    assertThat(resolver.missingNames()).isEqualTo(limit);

    assertRefused(resolver, "missing" + limit + ".copernica.com", Reason.KEY_NOT_FOUND);
    assertThat(dns.queries).hasSize(limit + 1);
    // The oldest reason was forgotten, but not that DNS was asked: no second lookup in the window.
    assertRefused(resolver, "missing0.copernica.com", Reason.KEY_UNAVAILABLE);
    assertThat(dns.queries).hasSize(limit + 1);

    clock.advance(DnsPublicKeyResolver.DEFAULT_NEGATIVE_TTL);
    assertThat(resolver.missingNames()).isZero();
  }

  @Test
  void boundsTheKnownKeysForgettingTheOldestFirst() {
    DnsPublicKeyResolver resolver = resolver(10_000);
    int limit = DnsPublicKeyResolver.MAX_KNOWN_KEYS;
    for (int i = 0; i <= limit; i++) {
      dns.records.put("key" + i + ".copernica.com", List.of(FIRST.dkimRecord()));
      resolver.resolve("key" + i + ".copernica.com");
      clock.advance(Duration.ofMillis(10));
    }

    resolver.resolve("key" + limit + ".copernica.com");
    assertThat(dns.queries).hasSize(limit + 1);
    resolver.resolve("key0.copernica.com");
    assertThat(dns.queries).hasSize(limit + 2);
  }

  @Test
  void refusesUnusableRecordsWithoutRepeatingTheirContent() {
    dns.records.put(ONE, List.of("v=DKIM1; k=rsa; p=c2VjcmV0LWxvb2tpbmctYnl0ZXM="));

    assertThatThrownBy(() -> resolver().resolve(ONE))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND))
        .message().doesNotContain("c2VjcmV0");
  }

  @Test
  void refusesARecordWithAShortKeyNamingItsSize() throws Exception {
    dns.records.put(ONE, List.of(shortKeyRecord()));

    assertThatThrownBy(() -> resolver().resolve(ONE))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND))
        .hasMessageContaining(ONE).hasMessageContaining("1024-bit RSA key; at least 2048 bits are required");
  }

  @Test
  void refusesUnusableSettings() {
    assertThatThrownBy(() -> DnsPublicKeyResolver.builder().dnsServer("127.0.0.1:5353"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dns://");
    assertThatThrownBy(() -> DnsPublicKeyResolver.builder().maxStale(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStale");
    assertThatThrownBy(() -> DnsPublicKeyResolver.builder().maxLookupsPerMinute(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void breakRecord(String how) throws Exception {
    switch (how) {
      case "timeout" -> dns.failing = true;
      case "garbled" -> dns.records.put(ONE, List.of("v=DKIM1; k=rsa; p=not*base64"));
      case "short" -> dns.records.put(ONE, List.of(shortKeyRecord()));
      case "unversioned" -> dns.records.put(ONE, List.of(SECOND.dkimRecord().replace("v=DKIM1; ", "")));
      case "ed25519" -> dns.records.put(ONE, List.of("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="));
      case "spf" -> dns.records.put(ONE, List.of("v=spf1 -all"));
      case "removed" -> dns.records.remove(ONE);
      case "revoked" -> dns.records.put(ONE, List.of("v=DKIM1; k=rsa; p="));
      default -> throw new IllegalArgumentException(how);
    }
  }

  static String shortKeyRecord() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
  }

  private int names;

  private String randomName() {
    return "r" + names++ + "x._domainkey.copernica.com";
  }

  private static void assertRefused(DnsPublicKeyResolver resolver, String keyId, Reason reason) {
    assertThatThrownBy(() -> resolver.resolve(keyId))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  /** TXT records from a map; safe for several threads. */
  static final class ScriptedDns implements TxtLookup {
    final Map<String, List<String>> records = new ConcurrentHashMap<>();
    final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failing;

    @Override
    public List<String> txt(String name) throws NamingException {
      queries.add(name);
      if (failing) {
        throw new CommunicationException("timed out");
      }
      List<String> values = records.get(name);
      if (values == null) {
        throw new NameNotFoundException(name);
      }
      return values;
    }
  }
}
