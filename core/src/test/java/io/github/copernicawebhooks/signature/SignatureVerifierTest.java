package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every check of the verifier, with the JDK's provider and with ACCP; the requests are signed with the default
 * provider (ACCP where it loads), so the JDK's runs also check that the two agree.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = SignatureProvider.class, names = {"JDK", "ACCP"})
class SignatureVerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-05T09:15:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final WebhookSigner SIGNER = WebhookSigner.generate().withClock(CLOCK);
  private static final WebhookSigner OTHER_KEY = WebhookSigner.generate().withClock(CLOCK);
  private static final byte[] BODY =
      "type=update&profile=123&database=1&fields%5Bmail%5D=johny%40example.com".getBytes(StandardCharsets.UTF_8);

  private final SignatureProvider provider;
  private final KnownKeyResolver keys = SIGNER.knownKeyResolver();
  private final SignatureVerifier verifier;

  SignatureVerifierTest(SignatureProvider provider) {
    TestProviders.crypto(provider);
    this.provider = provider;
    this.verifier = verifier(keys).build();
  }

  private SignatureVerifier.Builder verifier(PublicKeyResolver resolver) {
    return SignatureVerifier.builder()
        .accountIds(SIGNER.accountId())
        .keyResolver(resolver)
        .clock(CLOCK)
        .provider(provider);
  }

  private static WebhookRequest unsigned() {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica?source=marketing")
        .header("Host", "hooks.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(BODY)
        .build();
  }

  private static WebhookRequest signed() {
    return SIGNER.sign(unsigned());
  }

  private static WebhookRequest signedThen(UnaryOperator<WebhookRequest.Builder> change) {
    return change.apply(signed().toBuilder()).build();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(WebhookRequest request, Reason reason) {
    return assertRefused(verifier, request, reason);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      SignatureVerifier verifier, WebhookRequest request, Reason reason) {
    return assertThatThrownBy(() -> verifier.verify(request))
        .isInstanceOf(WebhookException.class)
        .satisfies(e -> assertThat(((WebhookException) e).reason()).isEqualTo(reason));
  }

  private static String signatureParameters(WebhookRequest request) {
    return request.header("Signature").orElseThrow();
  }

  private static WebhookRequest withSignatureHeader(WebhookRequest request, String value) {
    return request.toBuilder().setHeader("Signature", value).build();
  }

  @Test
  void acceptsRequestSignedLikeCopernica() {
    assertThatCode(() -> verifier.verify(signed())).doesNotThrowAnyException();
    assertThat(keys.askedKeyIds()).containsExactly(SIGNER.keyId());
  }

  @Test
  void acceptsSignatureHeaderWithoutCommaBeforeSignatureAsInCopernicasDocumentation() {
    WebhookRequest request = signed();
    String commaLess = signatureParameters(request).replace("\",signature=", "\" signature=");

    assertThatCode(() -> verifier.verify(withSignatureHeader(request, commaLess))).doesNotThrowAnyException();
  }

  @Test
  void acceptsAnyOfSeveralConfiguredAccounts() {
    WebhookSigner second = SIGNER.withAccountId("account-99");
    SignatureVerifier twoAccounts = verifier(SIGNER.knownKeyResolver()).accountIds("account_1234", "account-99").build();

    assertThatCode(() -> twoAccounts.verify(second.sign(unsigned()))).doesNotThrowAnyException();
    assertThatCode(() -> twoAccounts.verify(signed())).doesNotThrowAnyException();
  }

  private static WebhookRequest signedWithoutNonce() {
    return SIGNER.withSignedHeaders("(request-target)", "host", "date", "x-copernica-id", "digest")
        .sign(unsigned()).toBuilder().removeHeader("X-Nonce").build();
  }

  private SignatureVerifier withoutRequiredNonce() {
    return verifier(SIGNER.knownKeyResolver()).requireNonce(false).build();
  }

  @Test
  void rejectsRequestWithoutNonceByDefaultAsCopernicasVerifierDoes() {
    assertRefused(signedWithoutNonce(), Reason.SIGNED_HEADER_MISSING).hasMessageContaining("x-nonce");
    assertThat(keys.askedKeyIds()).isEmpty();
  }

  @Test
  void acceptsRequestWithoutNonceWhenTheRestIsSignedAndNoncesAreNotRequired() {
    assertThatCode(() -> withoutRequiredNonce().verify(signedWithoutNonce())).doesNotThrowAnyException();
  }

  @Test
  void requiresAPresentNonceToBeSignedEvenWhenNoncesAreNotRequired() {
    WebhookRequest request = signedWithoutNonce().toBuilder().header("X-Nonce", "000000005eed0000").build();

    assertRefused(withoutRequiredNonce(), request, Reason.SIGNED_HEADER_MISSING).hasMessageContaining("x-nonce");
  }

  @Test
  void treatsAnotherBase64SpellingOfTheSameSignatureAsAReplayWhenThereIsNoNonce() {
    WebhookRequest request = signedWithoutNonce();
    String header = signatureParameters(request);
    String base64 = header.substring(header.indexOf("signature=\"") + 11, header.length() - 1);
    assertThat(base64).endsWith("==");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int lastIndex = alphabet.indexOf(base64.charAt(base64.length() - 3));
    String otherUnusedBits = base64.substring(0, base64.length() - 3) + alphabet.charAt(lastIndex ^ 0b0101) + "==";
    List<String> spellings = List.of(base64.substring(0, base64.length() - 2), otherUnusedBits,
        otherUnusedBits.substring(0, otherUnusedBits.length() - 2));
    SignatureVerifier replayGuarded = withoutRequiredNonce();
    replayGuarded.verify(request);

    for (String spelling : spellings) {
      WebhookRequest respelled = withSignatureHeader(request, header.replace(base64, spelling));
      assertThatCode(() -> withoutRequiredNonce().verify(respelled)).as("the same signature bytes").doesNotThrowAnyException();
      assertRefused(replayGuarded, respelled, Reason.REPLAYED);
    }
  }

  @Test
  void verifiesTheHeadWithoutTheBodyAndTheBodyAfterwards() {
    WebhookRequest request = signed();

    VerifiedHead head = verifier.verifyHead(request.withBody(new byte[0]));

    assertThatCode(() -> verifier.verifyBody(head, BODY)).doesNotThrowAnyException();
  }

  @Test
  void checksTheBodyOfAVerifiedHeadAgainstTheSignedDigestBeforeUsingUpTheNonce() {
    WebhookRequest request = signed();
    VerifiedHead head = verifier.verifyHead(request.withBody(new byte[0]));

    assertThatThrownBy(() -> verifier.verifyBody(head, "type=delete".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
    assertThatCode(() -> verifier.verifyBody(head, BODY)).doesNotThrowAnyException();
    assertThatThrownBy(() -> verifier.verifyBody(head, BODY))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPLAYED));
  }

  @Test
  void refusesAHeadVerifiedByAnotherVerifier() {
    SignatureVerifier other = verifier(SIGNER.knownKeyResolver()).build();
    VerifiedHead foreign = other.verifyHead(signed());

    assertThatThrownBy(() -> verifier.verifyBody(foreign, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another SignatureVerifier");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Date", "Digest", "Host", "Signature"})
  void rejectsAHeaderThatMustAppearOnceWhenItAppearsTwice(String name) {
    WebhookRequest request = signed();
    WebhookRequest twice = request.toBuilder().header(name, request.header(name).orElseThrow()).build();

    assertRefused(twice, Reason.HEADER_REPEATED).hasMessageContaining("2 " + name.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void rejectsTwoAuthorizationHeadersWhenTheSignatureComesFromThere() {
    WebhookRequest request = signed();
    String signature = "Signature " + signatureParameters(request);
    WebhookRequest twice = request.toBuilder().removeHeader("Signature")
        .header("Authorization", signature).header("Authorization", signature).build();

    assertRefused(twice, Reason.HEADER_REPEATED).hasMessageContaining("2 authorization");
    assertThatCode(() -> verifier.verify(request.toBuilder().removeHeader("Signature")
        .header("Authorization", signature).build())).doesNotThrowAnyException();
  }

  @Test
  void rejectsTamperedBody() {
    WebhookRequest request = signedThen(b -> b.body("type=delete&profile=123&database=1".getBytes(StandardCharsets.UTF_8)));

    assertRefused(request, Reason.DIGEST_MISMATCH);
  }

  @Test
  void rejectsDigestChangedToMatchATamperedBody() {
    byte[] tampered = "type=delete&profile=123&database=1".getBytes(StandardCharsets.UTF_8);
    String digest = SIGNER.headersFor("POST", "/", "x", tampered).get("Digest");

    assertRefused(signedThen(b -> b.body(tampered).setHeader("Digest", digest)), Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsAlteredDigest() {
    String digest = signed().header("Digest").orElseThrow();
    String altered = digest.substring(0, 10) + (digest.charAt(10) == 'A' ? 'B' : 'A') + digest.substring(11);

    // The Digest value is signed: changing it breaks the signature, which is checked before the body is read.
    assertRefused(signedThen(b -> b.setHeader("Digest", altered)), Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsMissingDigest() {
    assertRefused(signedThen(b -> b.removeHeader("Digest")), Reason.DIGEST_MISSING);
  }

  @Test
  void rejectsDigestWithOnlyUnknownAlgorithms() {
    assertRefused(signedThen(b -> b.setHeader("Digest", "MD5=HUXZLQLMuI/KZ5KDcJPcOA==")), Reason.DIGEST_UNSUPPORTED);
  }

  @Test
  void rejectsMissingSignature() {
    assertRefused(signedThen(b -> b.removeHeader("Signature")), Reason.SIGNATURE_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "garbage",
      "keyId=\"one._domainkey.copernica.com\",algorithm=\"rsa-sha256\",signature=\"abc",
      "keyId=\"one._domainkey.copernica.com\" junk algorithm=\"rsa-sha256\"",
      "keyId=\"one._domainkey.copernica.com\",algorithm=\"rsa-sha256\",headers=\"date\",signature=\"%%%\"",
      "algorithm=\"rsa-sha256\",headers=\"date\",signature=\"AAAA\""})
  void rejectsGarbledSignatureHeader(String value) {
    assertRefused(withSignatureHeader(signed(), value), Reason.SIGNATURE_MALFORMED);
  }

  @Test
  void rejectsTwoSignatureHeaders() {
    WebhookRequest request = signed();
    WebhookRequest twice = request.toBuilder().header("Signature", signatureParameters(request)).build();

    assertRefused(twice, Reason.HEADER_REPEATED).hasMessageContaining("2 signature headers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hmac-sha256", "rsa-sha1", "hs2019", "rsa-sha512", "ecdsa-sha256", ""})
  void rejectsAlgorithmsOtherThanRsaSha256(String algorithm) {
    WebhookRequest request = signed();
    String value = signatureParameters(request).replace("algorithm=\"rsa-sha256\"", "algorithm=\"" + algorithm + "\"");

    assertRefused(withSignatureHeader(request, value), Reason.ALGORITHM_UNSUPPORTED);
  }

  @Test
  void rejectsSignatureWithoutAlgorithm() {
    WebhookRequest request = signed();
    String value = signatureParameters(request).replace("algorithm=\"rsa-sha256\",", "");

    assertRefused(withSignatureHeader(request, value), Reason.ALGORITHM_UNSUPPORTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"(request-target)", "host", "date", "x-copernica-id", "digest", "x-nonce"})
  void rejectsSignatureThatDoesNotCoverARequiredHeader(String left) {
    List<String> headers = new ArrayList<>(WebhookSigner.SIGNED_HEADERS);
    headers.remove(left);
    WebhookRequest request = SIGNER.withSignedHeaders(headers.toArray(String[]::new)).sign(unsigned());

    assertRefused(request, Reason.SIGNED_HEADER_MISSING).hasMessageContaining(left);
  }

  @Test
  void rejectsSignedHeaderThatTheRequestDoesNotCarry() {
    WebhookRequest request = SIGNER.withSignedHeaders("(request-target)", "host", "date", "x-copernica-id", "digest",
        "x-nonce", "content-type").sign(unsigned()).toBuilder().removeHeader("Content-Type").build();

    assertRefused(request, Reason.SIGNED_HEADER_MISSING).hasMessageContaining("content-type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"evilcopernica.com", "copernica.com.evil.net", "", "copernica.com", "one.copernica.com.",
      "one..copernica.com", "one._domainkey.copernica.com/../x", "one.copernica.com.evil.net"})
  void rejectsKeyIdsOutsideCopernicaCom(String keyId) {
    assertRefused(SIGNER.withKeyId(keyId.equals("one.copernica.com.") ? "x.copernica.com.evil" : keyId).sign(unsigned()),
        Reason.KEY_ID_INVALID);
    assertThat(keys.askedKeyIds()).as("no key is looked up for an untrusted name").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"one.copernica.com", "x.y.copernica.com", "_domainkey.copernica.com",
      "one.evil_domainkey.copernica.com", "one._domainkey.copernica.nl"})
  void rejectsKeyIdsUnderCopernicaComOutsideItsDkimSelectorsByDefault(String keyId) {
    WebhookSigner elsewhere = SIGNER.withKeyId(keyId);
    KnownKeyResolver elsewhereKeys = elsewhere.knownKeyResolver();

    assertRefused(verifier(elsewhereKeys).build(), elsewhere.sign(unsigned()), Reason.KEY_ID_INVALID)
        .hasMessageContaining("_domainkey.copernica.com");
    assertThat(elsewhereKeys.askedKeyIds()).isEmpty();
  }

  @Test
  void acceptsKeyIdsUnderConfiguredDomainsOnly() {
    WebhookSigner dutch = SIGNER.withKeyId("one._domainkey.copernica.nl");
    SignatureVerifier twoDomains = verifier(dutch.knownKeyResolver())
        .keyIdDomains("_domainkey.copernica.com", "_DomainKey.Copernica.NL.").build();
    SignatureVerifier dutchOnly = verifier(SIGNER.knownKeyResolver()).keyIdDomains("_domainkey.copernica.nl").build();

    assertThatCode(() -> twoDomains.verify(dutch.sign(unsigned()))).doesNotThrowAnyException();
    assertRefused(dutchOnly, signed(), Reason.KEY_ID_INVALID).hasMessageContaining("_domainkey.copernica.nl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "com", "copernica..com", "*.copernica.com", "https://copernica.com"})
  void refusesToConfigureAKeyIdDomainThatIsNotAHostName(String domain) {
    assertThatThrownBy(() -> SignatureVerifier.builder().keyIdDomains(domain))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignatureVerifier.builder().keyIdDomains()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsKeyIdInAnyCaseAndWithTrailingDot() {
    WebhookSigner spelled = SIGNER.withKeyId("One._DomainKey.Copernica.COM.");
    KnownKeyResolver spelledKeys = spelled.knownKeyResolver();

    assertThatCode(() -> verifier(spelledKeys).build().verify(spelled.sign(unsigned()))).doesNotThrowAnyException();
    assertThat(spelledKeys.askedKeyIds()).as("the key id is looked up as sent").containsExactly(spelled.keyId());
  }

  @Test
  void looksUpTheKeyOnlyForWellFormedCurrentRequestsOfAConfiguredAccount() {
    assertRefused(SIGNER.withClock(Clock.offset(CLOCK, Duration.ofMinutes(-6))).sign(unsigned()), Reason.DATE_STALE);
    assertRefused(SIGNER.withAccountId("account_9999").sign(unsigned()), Reason.ACCOUNT_UNKNOWN);
    assertRefused(signedThen(b -> b.removeHeader("Digest")), Reason.DIGEST_MISSING);
    assertRefused(withSignatureHeader(signed(), signatureParameters(signed()).replace("rsa-sha256", "hs2019")),
        Reason.ALGORITHM_UNSUPPORTED);

    assertThat(keys.askedKeyIds()).isEmpty();
  }

  @Test
  void looksUpTheKeyIdOfTheSignatureAndRefusesAnUnknownOne() {
    assertRefused(SIGNER.withKeyId("two._domainkey.copernica.com").sign(unsigned()), Reason.KEY_NOT_FOUND);

    assertThat(keys.askedKeyIds()).containsExactly("two._domainkey.copernica.com");
  }

  @Test
  void rejectsStaleDate() {
    Clock sixMinutesAgo = Clock.offset(CLOCK, Duration.ofMinutes(-6));

    assertRefused(SIGNER.withClock(sixMinutesAgo).sign(unsigned()), Reason.DATE_STALE);
  }

  @Test
  void rejectsFutureDate() {
    Clock sixMinutesAhead = Clock.offset(CLOCK, Duration.ofMinutes(6));

    assertRefused(SIGNER.withClock(sixMinutesAhead).sign(unsigned()), Reason.DATE_FUTURE);
  }

  @ParameterizedTest
  @ValueSource(longs = {-300, -1, 0, 1, 300})
  void acceptsDatesWithinTheToleranceBothWays(long seconds) {
    Clock shifted = Clock.offset(CLOCK, Duration.ofSeconds(seconds));

    assertThatCode(() -> verifier.verify(SIGNER.withClock(shifted).sign(unsigned()))).doesNotThrowAnyException();
  }

  @Test
  void appliesAConfiguredTolerance() {
    SignatureVerifier strict = verifier(SIGNER.knownKeyResolver()).tolerance(Duration.ofSeconds(60)).build();
    Clock ninetySecondsAgo = Clock.offset(CLOCK, Duration.ofSeconds(-90));

    assertRefused(strict, SIGNER.withClock(ninetySecondsAgo).sign(unsigned()), Reason.DATE_STALE);
  }

  @Test
  void rejectsMissingDate() {
    assertRefused(signedThen(b -> b.removeHeader("Date")), Reason.DATE_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-03-05T09:15:00Z", "Thu, 05 Mar 2026 09:15:00", ""})
  void rejectsUnparseableDate(String date) {
    assertRefused(signedThen(b -> b.setHeader("Date", date)), Reason.DATE_INVALID);
  }

  @Test
  void rejectsAccountIdOfAnotherAccount() {
    assertRefused(SIGNER.withAccountId("account_9999").sign(unsigned()), Reason.ACCOUNT_UNKNOWN);
  }

  @Test
  void rejectsMissingAccountId() {
    assertRefused(signedThen(b -> b.removeHeader("X-Copernica-ID")), Reason.ACCOUNT_UNKNOWN);
  }

  @Test
  void rejectsAccountIdChangedAfterSigning() {
    SignatureVerifier twoAccounts = verifier(SIGNER.knownKeyResolver()).accountIds("account_1234", "account_5678").build();

    assertRefused(twoAccounts, signedThen(b -> b.setHeader("X-Copernica-ID", "account_5678")), Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsReplayedNonce() {
    WebhookRequest request = signed();
    verifier.verify(request);

    assertRefused(request, Reason.REPLAYED);
  }

  @Test
  void rejectsReplayedSignatureWhenThereIsNoNonce() {
    WebhookRequest request = signedWithoutNonce();
    SignatureVerifier relaxed = withoutRequiredNonce();
    relaxed.verify(request);

    assertRefused(relaxed, request, Reason.REPLAYED);
  }

  @Test
  void rejectsSameNonceInAnotherwiseNewRequest() {
    WebhookRequest first = signed();
    verifier.verify(first);
    String nonce = first.header("X-Nonce").orElseThrow();
    WebhookRequest second = SIGNER.sign(unsigned()).toBuilder().setHeader("X-Nonce", nonce).build();

    assertRefused(second, Reason.SIGNATURE_INVALID);
  }

  @Test
  void forgedRequestsCannotUseUpTheNonceOfAGenuineOne() {
    WebhookRequest genuine = signed();
    WebhookRequest forged = OTHER_KEY.sign(unsigned()).toBuilder()
        .setHeader("X-Nonce", genuine.header("X-Nonce").orElseThrow()).build();
    assertRefused(forged, Reason.SIGNATURE_INVALID);

    assertThatCode(() -> verifier.verify(genuine)).doesNotThrowAnyException();
  }

  @Test
  void forgetsNoncesOnlyAfterTheirDateLeftTheWindow() {
    Clock[] now = {CLOCK};
    Clock moving = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now[0].instant(); }
    };
    SignatureVerifier movingVerifier = verifier(SIGNER.knownKeyResolver()).clock(moving).build();
    WebhookRequest request = signed();
    movingVerifier.verify(request);
    now[0] = Clock.offset(CLOCK, Duration.ofMinutes(5));
    assertRefused(movingVerifier, request, Reason.REPLAYED);

    now[0] = Clock.offset(CLOCK, Duration.ofMinutes(5).plusSeconds(1));
    assertRefused(movingVerifier, request, Reason.DATE_STALE);
  }

  @Test
  void rejectsRequestTargetDifferentFromTheSignedOne() {
    assertRefused(signedThen(b -> b.target("/webhooks/copernica?source=other")), Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsHostDifferentFromTheSignedOne() {
    assertRefused(signedThen(b -> b.setHeader("Host", "evil.example.net")), Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsMethodDifferentFromTheSignedOne() {
    assertRefused(signedThen(b -> b.method("PUT")), Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsSignatureMadeWithAnotherKey() {
    assertRefused(OTHER_KEY.sign(unsigned()), Reason.SIGNATURE_INVALID);
    assertThat(keys.askedKeyIds()).containsExactly(SIGNER.keyId());
  }

  @Test
  void rejectsSignatureWithOneByteChanged() {
    WebhookRequest request = signed();
    String value = signatureParameters(request);
    int position = value.indexOf("signature=\"") + 20;
    String changed = value.substring(0, position) + (value.charAt(position) == 'A' ? 'B' : 'A') + value.substring(position + 1);

    assertRefused(withSignatureHeader(request, changed), Reason.SIGNATURE_INVALID);
  }

  @Test
  void acceptsRequestBehindAProxyWhenTheSenderUrlIsConfigured() {
    Optional<String> signedHost = Optional.of("www.example.com:8443");
    WebhookRequest sent = SIGNER.sign(unsigned().toBuilder()
        .target("/app/webhooks/copernica?source=marketing").setHeader("Host", signedHost.get()).build());
    WebhookRequest received = sent.toBuilder()
        .target("/webhooks/copernica?source=marketing").setHeader("Host", "10.0.0.5:8080").build();
    SignatureVerifier behindProxy = verifier(SIGNER.knownKeyResolver()).publicBaseUrl("https://www.example.com:8443/app/").build();

    assertThatCode(() -> behindProxy.verify(received)).doesNotThrowAnyException();
    assertRefused(received.toBuilder().setHeader("X-Nonce", "x").build(), Reason.SIGNATURE_INVALID);
  }

  @Test
  void usesTheHostOfThePublicUrlWithoutDefaultPort() {
    WebhookRequest sent = SIGNER.sign(unsigned().toBuilder().setHeader("Host", "www.example.com").build());
    WebhookRequest received = sent.toBuilder().setHeader("Host", "backend:8080").build();
    SignatureVerifier behindProxy = verifier(SIGNER.knownKeyResolver()).publicBaseUrl("https://www.example.com").build();

    assertThatCode(() -> behindProxy.verify(received)).doesNotThrowAnyException();
  }

  @Test
  void acceptsSignatureAfterTheResolverRefreshedARotatedKey() {
    PublicKeyResolver rotating = new PublicKeyResolver() {
      @Override
      public PublicKey resolve(String keyId) {
        return OTHER_KEY.knownKeyResolver().resolve(keyId);
      }

      @Override
      public Optional<PublicKey> refresh(String keyId, PublicKey rejected) {
        return Optional.of(SIGNER.knownKeyResolver().resolve(keyId));
      }
    };

    assertThatCode(() -> verifier(rotating).build().verify(signed())).doesNotThrowAnyException();
  }

  @Test
  void passesKeyNotFoundFromTheResolverOn() {
    PublicKeyResolver missing = keyId -> {
      throw new WebhookException(Reason.KEY_NOT_FOUND, "no DNS record for key id " + keyId);
    };

    assertRefused(verifier(missing).build(), signed(), Reason.KEY_NOT_FOUND);
  }

  @Test
  void neverPutsTheSignatureOrKeyInMessages() {
    WebhookRequest request = signed();
    String signature = request.header("Signature").orElseThrow();
    String base64 = signature.substring(signature.indexOf("signature=\"") + 11, signature.length() - 1);
    List<WebhookRequest> refused = List.of(OTHER_KEY.sign(unsigned()),
        withSignatureHeader(request, signature.replace("rsa-sha256", "hs2019")),
        withSignatureHeader(request, signature + " junk"));

    for (WebhookRequest each : refused) {
      assertThatThrownBy(() -> verifier.verify(each))
          .isInstanceOf(WebhookException.class)
          .message()
          .doesNotContain(base64.substring(0, 16))
          .doesNotContain(SIGNER.publicKeyPem().substring(30, 60));
    }
  }

  @Test
  void refusesToBuildWithoutAccountIds() {
    assertThatThrownBy(() -> SignatureVerifier.builder().keyResolver(SIGNER.knownKeyResolver()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("account id");
  }

  @Test
  void refusesToBuildWithoutKeyResolver() {
    assertThatThrownBy(() -> SignatureVerifier.builder().accountIds("account_1234").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key resolver");
  }

  @Test
  void refusesRequiredHeadersWithoutDateOrDigest() {
    assertThatThrownBy(() -> SignatureVerifier.builder().requiredHeaders("(request-target)", "host", "digest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("date");
  }

  @Test
  void refusesBlankAccountIdAndRelativePublicUrl() {
    assertThatThrownBy(() -> SignatureVerifier.builder().accountIds("account_1", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignatureVerifier.builder().publicBaseUrl("/app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void acceptsAReducedRequiredHeaderListWhenConfigured() {
    SignatureVerifier relaxed = verifier(SIGNER.knownKeyResolver()).requiredHeaders("date", "digest", "x-copernica-id").build();
    WebhookRequest request = SIGNER.withSignedHeaders("date", "digest", "x-copernica-id", "x-nonce").sign(unsigned());

    assertThatCode(() -> relaxed.verify(request)).doesNotThrowAnyException();
    assertRefused(request, Reason.SIGNED_HEADER_MISSING);
  }

  @Test
  void verifyExceptReplayReturnsTheNonceTokenUntilTheEndOfTheWindowAndLeavesTheGuardAlone() {
    SignatureVerifier own = verifier(SIGNER.resolver()).build();
    WebhookRequest request = signed();

    ReplayToken first = own.verifyExceptReplay(request);
    ReplayToken again = own.verifyExceptReplay(request);

    assertThat(first).isEqualTo(again);
    assertThat(first.token()).isEqualTo("nonce " + request.header("X-Nonce").orElseThrow());
    assertThat(first.expiresAt()).isEqualTo(NOW.plus(SignatureVerifier.DEFAULT_TOLERANCE));
    own.verify(request); // the guard has not seen the nonce yet
    assertRefused(own, request, Reason.REPLAYED);
  }

  @Test
  void verifyExceptReplayStillRefusesAForgedCall() {
    WebhookRequest forged = signedThen(b -> b.body("type=update&profile=2".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> verifier(SIGNER.resolver()).build().verifyExceptReplay(forged))
        .isInstanceOf(WebhookException.class);
  }
}
