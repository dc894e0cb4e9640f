package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.build.dns.Dnsmasq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DNS key resolver against a real DNS server: a dnsmasq this test starts and always stops. */
class DnsPublicKeyResolverDnsmasqTest {

  private static final String ONE = "one._domainkey.copernica.com";
  private static final String TWO = "two._domainkey.copernica.com";

  private static WebhookSigner signerOne;
  private static WebhookSigner signerTwo;

  private final List<Dnsmasq> servers = new ArrayList<>();

  @BeforeAll
  static void generateKeys() {
    Dnsmasq.binary();
    signerOne = WebhookSigner.generate().withKeyId(ONE);
    signerTwo = WebhookSigner.generate().withKeyId(TWO);
  }

  @AfterEach
  void stopServers() {
    servers.forEach(Dnsmasq::close);
  }

  private Dnsmasq start(int port, String[]... records) {
    Dnsmasq server = port == 0 ? Dnsmasq.start(List.of(records)) : Dnsmasq.start(port, List.of(records));
    servers.add(server);
    return server;
  }

  private static SignatureVerifier verifier(PublicKeyResolver resolver) {
    return SignatureVerifier.builder().accountIds(signerOne.accountId()).keyResolver(resolver).build();
  }

  private static WebhookRequest request() {
    return WebhookRequest.builder()
        .target("/copernica")
        .header("Host", "hooks.example.com")
        .body("type=update&profile=1&database=2".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static DnsPublicKeyResolver resolver(Dnsmasq server) {
    return DnsPublicKeyResolver.builder().dnsServer(server.url()).timeout(Duration.ofMillis(300)).build();
  }

  @Test
  void joinsTheCharacterStringsOfALongRecordAndVerifiesWithTheKey() throws Exception {
    Dnsmasq server = start(0, new String[] {ONE, signerOne.dkimRecord()});

    List<String> raw = new JndiTxtLookup(server.url(), Duration.ofMillis(300)).txt(ONE);
    // Two character-strings: the first quoted because it holds spaces, the second bare.
    assertThat(raw).singleElement().satisfies(
        value -> assertThat(value).matches("\"v=DKIM1; k=rsa; p=MIIB[A-Za-z0-9+/]+\" [A-Za-z0-9+/]+=*"));
    assertThat(signerOne.dkimRecord()).hasSizeGreaterThan(255);

    assertThatCode(() -> verifier(resolver(server)).verify(signerOne.sign(request()))).doesNotThrowAnyException();
  }

  @Test
  void picksUpARotatedKeyOnAnUnknownKeyIdWithoutRestart() {
    Dnsmasq before = start(0, new String[] {ONE, signerOne.dkimRecord()});
    int port = before.port();
    SignatureVerifier verifier = verifier(resolver(before));
    verifier.verify(signerOne.sign(request()));

    before.close();
    servers.remove(before);
    start(port, new String[] {TWO, signerTwo.dkimRecord()});

    assertThatCode(() -> verifier.verify(signerTwo.sign(request()))).doesNotThrowAnyException();
    // The old key is no longer in DNS: it still verifies because it is served from the cache.
    assertThatCode(() -> verifier.verify(signerOne.sign(request()))).doesNotThrowAnyException();
  }

  @Test
  void reportsAMissingRecordAsKeyNotFound() {
    Dnsmasq server = start(0, new String[] {ONE, signerOne.dkimRecord()});

    assertRefused(verifier(resolver(server)), signerOne.withKeyId("three._domainkey.copernica.com"), Reason.KEY_NOT_FOUND);
  }

  @Test
  void reportsGarbledNonRsaShortAndUnversionedRecordsAsKeyNotFound() throws Exception {
    Dnsmasq server = start(0,
        new String[] {"garbled._domainkey.copernica.com", "v=DKIM1; k=rsa; p=not*base64"},
        new String[] {"ed._domainkey.copernica.com", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="},
        new String[] {"spf._domainkey.copernica.com", "v=spf1 -all"},
        new String[] {"short._domainkey.copernica.com", DnsPublicKeyResolverTest.shortKeyRecord()},
        new String[] {"unversioned._domainkey.copernica.com", signerOne.dkimRecord().replace("v=DKIM1; ", "")});
    SignatureVerifier verifier = verifier(resolver(server));

    for (String keyId : List.of("garbled", "ed", "spf", "short", "unversioned")) {
      assertRefused(verifier, signerOne.withKeyId(keyId + "._domainkey.copernica.com"), Reason.KEY_NOT_FOUND);
    }
  }

  @Test
  void reportsAnUnreachableServerAsKeyUnavailable() {
    Dnsmasq server = start(0, new String[] {ONE, signerOne.dkimRecord()});
    DnsPublicKeyResolver resolver = DnsPublicKeyResolver.builder()
        .dnsServer(server.url()).timeout(Duration.ofMillis(100)).build();
    server.close();
    servers.remove(server);

    assertRefused(verifier(resolver), signerOne, Reason.KEY_UNAVAILABLE);
  }

  private static void assertRefused(SignatureVerifier verifier, WebhookSigner signer, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(signer.sign(request())))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
