package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.testkit.CopernicaTestSigner;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import org.junit.jupiter.api.Test;

/** Caching, refresh and rate limiting of the DNS resolver, over a scripted DNS. */
class DnsPublicKeyResolverTest {

  private static final String ONE = "one._domainkey.copernica.com";
  private static final CopernicaTestSigner FIRST = CopernicaTestSigner.generate();
  private static final CopernicaTestSigner SECOND = CopernicaTestSigner.generate();
  private static final PublicKey FIRST_KEY = FIRST.resolver().resolve(ONE);
  private static final PublicKey SECOND_KEY = SECOND.resolver().resolve(ONE);

  private final ScriptedDns dns = new ScriptedDns();
  private final MutableClock clock = new MutableClock();

  private DnsPublicKeyResolver resolver(int maxLookupsPerMinute) {
    return new DnsPublicKeyResolver(dns, clock, Duration.ofHours(1), Duration.ofMinutes(1), maxLookupsPerMinute);
  }

  private DnsPublicKeyResolver resolver() {
    return resolver(30);
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
    dns.records.put("two._domainkey.copernica.com", List.of(SECOND.dkimRecord()));

    assertThat(resolver.resolve("two._domainkey.copernica.com")).isEqualTo(SECOND_KEY);
  }

  @Test
  void remembersAMissingNameForTheNegativeTtl() {
    DnsPublicKeyResolver resolver = resolver();
    assertRefused(resolver, ONE, Reason.KEY_NOT_FOUND);
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    assertRefused(resolver, ONE, Reason.KEY_NOT_FOUND);
    assertThat(dns.queries).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
  }

  @Test
  void rateLimitsLookupsOfUnknownNames() {
    DnsPublicKeyResolver resolver = resolver(3);
    for (int i = 0; i < 3; i++) {
      assertRefused(resolver, "random" + i + ".copernica.com", Reason.KEY_NOT_FOUND);
    }

    assertRefused(resolver, "random3.copernica.com", Reason.KEY_UNAVAILABLE);
    assertThat(dns.queries).hasSize(3);
    clock.advance(Duration.ofSeconds(61));
    assertRefused(resolver, "random3.copernica.com", Reason.KEY_NOT_FOUND);
  }

  @Test
  void reportsDnsFailureAsKeyUnavailable() {
    dns.failing = true;

    assertRefused(resolver(), ONE, Reason.KEY_UNAVAILABLE);
  }

  @Test
  void keepsUsingAnExpiredKeyWhileDnsIsDownForOneMoreTtl() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    dns.failing = true;

    clock.advance(Duration.ofMinutes(90));
    assertThat(resolver.resolve(ONE)).isEqualTo(FIRST_KEY);
    clock.advance(Duration.ofMinutes(31));
    assertRefused(resolver, ONE, Reason.KEY_UNAVAILABLE);
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
  void refreshFindsNothingNewWhenTheRecordIsUnchanged() {
    dns.records.put(ONE, List.of(FIRST.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver();
    resolver.resolve(ONE);
    clock.advance(Duration.ofMinutes(2));

    assertThat(resolver.refresh(ONE, FIRST_KEY)).isEmpty();
  }

  @Test
  void refusesUnusableRecordsWithoutRepeatingTheirContent() {
    dns.records.put(ONE, List.of("v=DKIM1; k=rsa; p=c2VjcmV0LWxvb2tpbmctYnl0ZXM="));

    assertThatThrownBy(() -> resolver().resolve(ONE))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND))
        .message().doesNotContain("c2VjcmV0");
  }

  @Test
  void refusesAnUnusableDnsServerUrl() {
    assertThatThrownBy(() -> DnsPublicKeyResolver.builder().dnsServer("127.0.0.1:5353"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dns://");
  }

  private static void assertRefused(DnsPublicKeyResolver resolver, String keyId, Reason reason) {
    assertThatThrownBy(() -> resolver.resolve(keyId))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static final class ScriptedDns implements TxtLookup {
    final Map<String, List<String>> records = new HashMap<>();
    final List<String> queries = new ArrayList<>();
    boolean failing;

    @Override
    public List<String> txt(String name) throws javax.naming.NamingException {
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

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-03-05T09:15:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
