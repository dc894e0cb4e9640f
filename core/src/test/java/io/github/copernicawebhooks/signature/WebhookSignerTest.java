package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The signer, signing with the JDK's provider and with ACCP; the verifier takes the default (ACCP where it loads). */
@ParameterizedClass(name = "{0}")
@EnumSource(value = SignatureProvider.class, names = {"JDK", "ACCP"})
class WebhookSignerTest {

  private static final WebhookSigner GENERATED = WebhookSigner.generate();
  private static final byte[] BODY = "type=update&profile=1&database=2".getBytes(StandardCharsets.UTF_8);

  private final SignatureProvider provider;
  private final WebhookSigner signer;

  WebhookSignerTest(SignatureProvider provider) {
    TestProviders.crypto(provider);
    this.provider = provider;
    this.signer = GENERATED.withProvider(provider);
  }

  private static WebhookRequest request() {
    return WebhookRequest.builder().target("/hook?x=1").header("Host", "localhost:8080").body(BODY).build();
  }

  private SignatureVerifier verifier(PublicKeyResolver resolver) {
    return SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(resolver).build();
  }

  @Test
  void signsWithTheProviderItWasGiven() {
    String expected = provider == SignatureProvider.ACCP ? "AmazonCorrettoCryptoProvider " : "SunRsaSign ";

    assertThat(signer.providerName()).startsWith(expected);
    assertThat(signer.withKeyId("other._domainkey.copernica.com").providerName()).isEqualTo(signer.providerName());
  }

  @Test
  void writesHeadersTheWayCopernicasSignerDoes() throws Exception {
    Clock fifthOfMarch = Clock.fixed(Instant.parse("2026-03-05T09:07:03Z"), ZoneOffset.UTC);
    Map<String, String> headers = signer.withClock(fifthOfMarch).headersFor("POST", "/hook", "localhost:8080", BODY);

    assertThat(headers).containsOnlyKeys("Digest", "Date", "X-Copernica-ID", "X-Nonce", "Signature");
    assertThat(headers.keySet()).containsExactly("Digest", "Date", "X-Copernica-ID", "X-Nonce", "Signature");
    assertThat(headers.get("Digest")).isEqualTo(
        "SHA-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(BODY)));
    assertThat(headers.get("Date")).isEqualTo("Thu, 05 Mar 2026 09:07:03 GMT");
    assertThat(headers.get("X-Copernica-ID")).isEqualTo("account_1234");
    assertThat(headers.get("X-Nonce")).matches("[0-9a-f]{32}");
    assertThat(headers.get("Signature")).matches("keyId=\"test\\._domainkey\\.copernica\\.com\",algorithm=\"rsa-sha256\","
        + "headers=\"\\(request-target\\) host date x-copernica-id digest x-nonce\",signature=\"[A-Za-z0-9+/]{342}==\"");
  }

  @Test
  void signsWithAKeyPairOfItsOwnThatAReceiverAlreadyTrusts() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair own = generator.generateKeyPair();
    WebhookSigner forwarder =
        WebhookSigner.of(own, "account_1234").withKeyId("relay._domainkey.copernica.com").withProvider(provider);
    KnownKeyResolver trusted = KnownKeyResolver.of("relay._domainkey.copernica.com", own.getPublic());

    assertThatCode(() -> verifier(trusted).verify(forwarder.sign(request()))).doesNotThrowAnyException();
    assertThat(trusted.askedKeyIds()).containsExactly("relay._domainkey.copernica.com");
    assertThatThrownBy(() -> verifier(trusted).verify(signer.sign(request())))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND));
  }

  @Test
  void refusesAKeyPairThatIsNotRsa() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

    assertThatThrownBy(() -> WebhookSigner.of(ec, "account_1234"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA");
  }

  @Test
  void theKnownKeyResolverKeepsOnlyTheLatestKeyIdsItWasAsked() {
    KnownKeyResolver keys = signer.knownKeyResolver();
    for (int i = 0; i < KnownKeyResolver.RECORDED + 5; i++) {
      keys.resolve(signer.keyId());
    }
    assertThatThrownBy(() -> keys.resolve("other._domainkey.copernica.com")).isInstanceOf(WebhookException.class);

    assertThat(keys.askedKeyIds()).hasSize(KnownKeyResolver.RECORDED).last().isEqualTo("other._domainkey.copernica.com");
    keys.clearAsked();
    assertThat(keys.askedKeyIds()).isEmpty();
  }

  @Test
  void usesAFreshNonceForEveryRequest() {
    assertThat(signer.sign(request()).header("X-Nonce")).isNotEqualTo(signer.sign(request()).header("X-Nonce"));
  }

  @Test
  void signsRequestsThatTheVerifierAccepts() {
    assertThatCode(() -> verifier(signer.knownKeyResolver()).verify(signer.sign(request()))).doesNotThrowAnyException();
    assertThatCode(() -> verifier(PublicKeyResolver.fromPem(signer.publicKeyPem())).verify(signer.sign(request())))
        .doesNotThrowAnyException();
  }

  @Test
  void signsHeadersForAnHttpClientThatTheVerifierAccepts() {
    Map<String, String> headers = signer.headersFor("POST", "/hook?x=1", "localhost:8080", BODY);
    WebhookRequest.Builder received = WebhookRequest.builder().target("/hook?x=1").header("Host", "localhost:8080").body(BODY);
    headers.forEach(received::header);

    assertThatCode(() -> verifier(signer.knownKeyResolver()).verify(received.build())).doesNotThrowAnyException();
  }

  @Test
  void generatesADifferentKeyPairEachTime() {
    WebhookSigner other = WebhookSigner.generate("account_1234");

    assertThat(other.publicKeyPem()).isNotEqualTo(signer.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThatThrownBy(() -> verifier(other.knownKeyResolver()).verify(signer.sign(request())))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
  }

  @Test
  void carriesTheGivenAccountIdAndKeyId() {
    WebhookSigner named = signer.withAccountId("account-99").withKeyId("two._domainkey.copernica.com");

    assertThat(named.accountId()).isEqualTo("account-99");
    assertThat(named.sign(request()).header("Signature")).hasValueSatisfying(
        value -> assertThat(value).startsWith("keyId=\"two._domainkey.copernica.com\""));
    assertThat(named.dkimRecord()).startsWith("v=DKIM1; k=rsa; p=MIIB");
  }

  @Test
  void needsAHostHeaderToSign() {
    assertThatThrownBy(() -> signer.sign(WebhookRequest.builder().body(BODY).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Host");
  }
}
