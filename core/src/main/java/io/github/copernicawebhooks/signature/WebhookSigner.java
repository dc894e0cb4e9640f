package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs requests the way Copernica does ({@code rsa-sha256} over Copernica's headers), with a generated
 * RSA key pair or one of your own: to test a receiver with its real verification, to re-sign calls that one
 * service forwards to another, to drive staging or load tests, or to check interoperability with other
 * verifiers. The test kit ({@code copernica-webhooks-test}) sends with it over HTTP and MockMvc.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.generate();
 * SignatureVerifier verifier = SignatureVerifier.builder()
 *     .accountIds(signer.accountId()).keyResolver(signer.knownKeyResolver()).build();
 * verifier.verify(signer.sign(request)); // request with a Host header
 * }</pre>
 *
 * <p>The headers are those of Copernica's own signer: {@code Digest: SHA-256=...}, an IMF-fixdate {@code
 * Date}, {@code X-Copernica-ID}, a random {@code X-Nonce}, and {@code Signature:
 * keyId="test._domainkey.copernica.com",algorithm="rsa-sha256",headers="(request-target) host date
 * x-copernica-id digest x-nonce",signature="..."} (commas, no spaces). Instances are immutable.
 */
public final class WebhookSigner {

  /** The account id of {@link #generate()}. */
  public static final String DEFAULT_ACCOUNT_ID = "account_1234";
  /** The key id this signer puts in its signatures unless told otherwise. */
  public static final String DEFAULT_KEY_ID = "test._domainkey.copernica.com";
  /** The headers Copernica signs, in its order. */
  public static final List<String> SIGNED_HEADERS =
      List.of("(request-target)", "host", "date", "x-copernica-id", "digest", "x-nonce");

  private static final SecureRandom RANDOM = new SecureRandom();
  // IMF-fixdate (RFC 9110): always two-digit days, unlike DateTimeFormatter.RFC_1123_DATE_TIME.
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private final KeyPair keyPair;
  private final String accountId;
  private final String keyId;
  private final List<String> signedHeaders;
  private final Clock clock;
  private final Crypto crypto;

  private WebhookSigner(
      KeyPair keyPair, String accountId, String keyId, List<String> signedHeaders, Clock clock, Crypto crypto) {
    this.keyPair = keyPair;
    this.accountId = accountId;
    this.keyId = keyId;
    this.signedHeaders = List.copyOf(signedHeaders);
    this.clock = clock;
    this.crypto = crypto;
  }

  private WebhookSigner(KeyPair keyPair, String accountId) {
    this(keyPair, accountId, DEFAULT_KEY_ID, SIGNED_HEADERS, Clock.systemUTC(), Crypto.select(SignatureProvider.AUTO));
  }

  /** A signer with a fresh 2048-bit key pair and the account id {@code account_1234}. */
  public static WebhookSigner generate() {
    return generate(DEFAULT_ACCOUNT_ID);
  }

  /** A signer with a fresh 2048-bit key pair for the given account id. */
  public static WebhookSigner generate(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return new WebhookSigner(generator.generateKeyPair(), accountId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform can generate RSA keys", e);
    }
  }

  /**
   * A signer with this RSA key pair (for example one whose public key your receivers already trust) for
   * the given account id, with {@link #DEFAULT_KEY_ID} until {@link #withKeyId} names the real one.
   *
   * @throws IllegalArgumentException when the keys are not RSA keys
   */
  public static WebhookSigner of(KeyPair keyPair, String accountId) {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(accountId, "accountId");
    if (!"RSA".equals(keyPair.getPrivate().getAlgorithm()) || !"RSA".equals(keyPair.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException("Copernica signs with rsa-sha256: the key pair must be an RSA key pair");
    }
    return new WebhookSigner(keyPair, accountId);
  }

  /** The same key pair and settings, with another {@code keyId} (for example a DNS name with its key). */
  public WebhookSigner withKeyId(String keyId) {
    return new WebhookSigner(
        keyPair, accountId, Objects.requireNonNull(keyId, "keyId"), signedHeaders, clock, crypto);
  }

  /** The same signer with another {@code X-Copernica-ID}. */
  public WebhookSigner withAccountId(String accountId) {
    return new WebhookSigner(
        keyPair, Objects.requireNonNull(accountId, "accountId"), keyId, signedHeaders, clock, crypto);
  }

  /** The same signer taking {@code Date} from this clock, to sign requests in the past or the future. */
  public WebhookSigner withClock(Clock clock) {
    return new WebhookSigner(
        keyPair, accountId, keyId, signedHeaders, Objects.requireNonNull(clock, "clock"), crypto);
  }

  /**
   * The same signer covering other headers, in this order; a header named here that the signer does
   * not add must already be on the request passed to {@link #sign}.
   */
  public WebhookSigner withSignedHeaders(String... headers) {
    return new WebhookSigner(keyPair, accountId, keyId, Arrays.asList(headers), clock, crypto);
  }

  /**
   * The same signer signing and digesting with this provider; default {@link SignatureProvider#AUTO}.
   *
   * @throws IllegalStateException when {@link SignatureProvider#ACCP} is asked for and cannot be used
   */
  public WebhookSigner withProvider(SignatureProvider provider) {
    return new WebhookSigner(
        keyPair, accountId, keyId, signedHeaders, clock, Crypto.select(Objects.requireNonNull(provider, "provider")));
  }

  /** The provider that signs and digests, with its version, as {@link SignatureVerifier#providerName()}. */
  public String providerName() {
    return crypto.name();
  }

  /** The {@code X-Copernica-ID} value this signer sends. */
  public String accountId() {
    return accountId;
  }

  /** The {@code keyId} this signer puts in its signatures. */
  public String keyId() {
    return keyId;
  }

  /**
   * A resolver that answers every key id with this signer's public key. Tests of a verifier are stronger
   * with {@link #knownKeyResolver()}, which knows only this signer's key id.
   */
  public PublicKeyResolver resolver() {
    return PublicKeyResolver.fixed(keyPair.getPublic());
  }

  /**
   * A new resolver that knows exactly this signer's key id ({@link #keyId()}), refuses every other with
   * {@code KEY_NOT_FOUND}, and records what it was asked.
   */
  public KnownKeyResolver knownKeyResolver() {
    return KnownKeyResolver.of(keyId, keyPair.getPublic());
  }

  /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public String publicKeyPem() {
    return PemKeys.pem(keyPair.getPublic());
  }

  /** The DNS TXT record Copernica would publish for this key: {@code v=DKIM1; k=rsa; p=<base64>}. */
  public String dkimRecord() {
    return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
  }

  /** The request with Digest, Date, X-Copernica-ID, X-Nonce and Signature headers added; Host must be set. */
  public WebhookRequest sign(WebhookRequest request) {
    String host = request.header("Host").orElseThrow(
        () -> new IllegalArgumentException("the request needs a Host header to be signed"));
    Map<String, String> added = headersFor(request.method(), request.target(), host, request.body(), request);
    WebhookRequest.Builder signed = request.toBuilder();
    added.forEach(signed::setHeader);
    return signed.build();
  }

  /**
   * The headers to send with a request, in order: Digest, Date, X-Copernica-ID, X-Nonce, Signature.
   *
   * @param host the Host header value the client will send, e.g. {@code localhost:8080}
   */
  public Map<String, String> headersFor(String method, String target, String host, byte[] body) {
    return headersFor(method, target, host, body, WebhookRequest.builder().build());
  }

  private Map<String, String> headersFor(
      String method, String target, String host, byte[] body, WebhookRequest original) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Digest", "SHA-256=" + Base64.getEncoder().encodeToString(crypto.digest("SHA-256", body)));
    headers.put("Date", IMF_FIXDATE.format(clock.instant().atOffset(ZoneOffset.UTC)));
    headers.put("X-Copernica-ID", accountId);
    headers.put("X-Nonce", nonce());
    String signingString = SignatureString.build(
        signedHeaders, method, target, name -> valuesOf(name, host, headers, original));
    headers.put("Signature", "keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\""
        + String.join(" ", signedHeaders) + "\",signature=\"" + signature(signingString) + "\"");
    return headers;
  }

  private static List<String> valuesOf(
      String name, String host, Map<String, String> added, WebhookRequest original) {
    if (name.equals("host")) {
      return List.of(host);
    }
    for (Map.Entry<String, String> header : added.entrySet()) {
      if (header.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return List.of(header.getValue());
      }
    }
    return original.headers(name);
  }

  private String signature(String signingString) {
    try {
      Signature rsa = crypto.rsaSha256();
      rsa.initSign(keyPair.getPrivate());
      rsa.update(signingString.getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a generated RSA key failed", e);
    }
  }

  private static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
