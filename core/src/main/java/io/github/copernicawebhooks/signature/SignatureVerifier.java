package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a request really comes from Copernica: the {@code Digest} matches the raw body, the {@code
 * Signature} (draft-cavage, {@code rsa-sha256}) covers the required headers (a nonce included) and
 * verifies with the key published for its {@code keyId} under {@code _domainkey.copernica.com}, {@code
 * X-Copernica-ID} is one of the configured accounts, {@code Date} is within the tolerance both ways, and the
 * nonce was not used before. Thread-safe.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder()
 *     .accountIds("account_1234")
 *     .keyResolver(PublicKeyResolver.dns())
 *     .build();
 * verifier.verify(request); // throws WebhookException with the precise reason
 * }</pre>
 */
public final class SignatureVerifier {

  /** How far {@code Date} may lie from the receiver's clock, in either direction. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /**
   * The headers a signature must cover; {@code x-nonce} is required too unless {@linkplain
   * Builder#requireNonce relaxed}, and always when the request carries one.
   */
  public static final List<String> DEFAULT_REQUIRED_HEADERS =
      List.of(SignatureString.REQUEST_TARGET, "host", "date", "x-copernica-id", "digest");

  /** The only signature algorithm Copernica uses and this verifier accepts. */
  public static final String ALGORITHM = "rsa-sha256";

  /**
   * The domain under which key ids are accepted unless {@linkplain Builder#keyIdDomains configured}: the DKIM
   * selectors of {@code copernica.com}, such as {@code one._domainkey.copernica.com}.
   */
  public static final String DEFAULT_KEY_ID_DOMAIN = "_domainkey.copernica.com";

  private static final String NONCE = "x-nonce";
  private static final List<String> SINGLE_HEADERS = List.of("date", "digest", "host", "signature");

  private final Set<String> accountIds;
  private final PublicKeyResolver keyResolver;
  private final Duration tolerance;
  private final @Nullable PublicBaseUrl publicBaseUrl;
  private final Clock clock;
  private final ReplayGuard replayGuard;
  private final List<String> requiredHeaders;
  private final boolean nonceRequired;
  private final List<String> keyIdDomains;
  private final Crypto crypto;

  private SignatureVerifier(Builder builder, PublicKeyResolver keyResolver, Crypto crypto) {
    this.accountIds = Set.copyOf(builder.accountIds);
    this.keyResolver = keyResolver;
    this.tolerance = builder.tolerance;
    this.publicBaseUrl = builder.publicBaseUrl;
    this.clock = builder.clock;
    this.replayGuard = builder.replayGuard != null ? builder.replayGuard : ReplayGuard.inMemory();
    this.requiredHeaders = builder.requiredHeaders;
    this.nonceRequired = builder.nonceRequired;
    this.keyIdDomains = builder.keyIdDomains;
    this.crypto = crypto;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The cryptographic provider that checks signatures and digests, with its version: {@code
   * AmazonCorrettoCryptoProvider 2.5.0}, or the JDK's, such as {@code SunRsaSign 17}.
   */
  public String providerName() {
    return crypto.name();
  }

  /**
   * Verifies the request, or throws a {@link WebhookException} naming the reason. Works on the raw body
   * bytes only: {@link #verifyHead} followed by {@link #verifyBody}.
   *
   * <p>The parameters come from the {@code Signature} header, or from {@code Authorization: Signature ...}
   * when there is none. Cheap checks run first, so DNS is asked only for well-formed, current requests of
   * a configured account; the replay guard is asked last, once the signature and the digest have verified,
   * so forged requests cannot use up a genuine nonce. The replay token is the signed {@code X-Nonce} value,
   * or, when nonces are {@linkplain Builder#requireNonce not required} and the request has none, the
   * decoded signature bytes (so another base64 spelling of the same signature is a replay too); it is kept
   * until the request's {@code Date} leaves the tolerance window.
   */
  public void verify(WebhookRequest request) {
    verifyBody(verifyHead(request), request.body());
  }

  /**
   * Checks everything that needs no body, so that a call which cannot be genuine is refused before its body
   * is read: exactly one {@code Date}, {@code Digest}, {@code Host} and {@code Signature} header; the
   * {@code Signature} parameters, algorithm, {@code keyId} and signed header list; the account id; the
   * {@code Date} window; the form of the {@code Digest} header; and the RSA signature itself, whose signing
   * string holds headers only (the body is covered through the signed {@code Digest} value).
   *
   * <p>The result proves nothing about the body: pass it, with the body, to {@link #verifyBody} of this
   * verifier, which compares the {@code Digest} with the body and only then records the replay token.
   * The body of {@code head} is not looked at.
   *
   * @throws WebhookException naming the reason the head cannot be genuine
   */
  public VerifiedHead verifyHead(WebhookRequest head) {
    requireSingleHeaders(head);
    SignatureHeader signature = signatureHeader(head);
    String keyId = signature.keyId();
    byte[] signatureBytes = signature.signature();
    requireAlgorithm(signature);
    requireTrustedKeyId(keyId);
    List<String> signedHeaders = signature.headers();
    requireSigned(signedHeaders, head);
    requireAccount(head);
    Instant date = requireRecentDate(head);
    List<DigestCheck.Entry> digests = DigestCheck.parse(head.headers("digest"));
    byte[] signingString = signingString(signedHeaders, head, signature);
    requireValidSignature(keyId, signingString, signatureBytes);
    return new VerifiedHead(this, digests, replayToken(head, signatureBytes), date.plus(tolerance));
  }

  /**
   * Completes the verification of a call whose head passed {@link #verifyHead} of this verifier: the body
   * must match the signed {@code Digest}, and the request must not have been accepted before. Only then is
   * its replay token recorded.
   *
   * @param head what {@link #verifyHead} returned for the call's head
   * @param body the raw body bytes exactly as received
   * @throws WebhookException for a body that does not match ({@code DIGEST_MISMATCH}), a replay ({@code
   *     REPLAYED}), or a replay guard that has no room left ({@code REPLAY_GUARD_FULL}, answered 503)
   * @throws IllegalArgumentException when {@code head} was verified by another verifier
   */
  public void verifyBody(VerifiedHead head, byte[] body) {
    ReplayToken token = verifyBodyExceptReplay(head, body);
    if (!replayGuard.claim(token.token(), clock.instant(), token.expiresAt())) {
      throw new WebhookException(Reason.REPLAYED, "this request was already accepted once");
    }
  }

  /**
   * Verifies everything {@link #verify} does except first use, and returns the replay token that the caller
   * must record as used itself; this verifier's replay guard is not asked. For a receiver that records the
   * token in the same transaction as the call (the inbox), so that a call which could not be stored can be
   * sent again unchanged.
   *
   * @throws WebhookException naming the reason when a check fails
   */
  public ReplayToken verifyExceptReplay(WebhookRequest request) {
    return verifyBodyExceptReplay(verifyHead(request), request.body());
  }

  /**
   * Completes the verification of a head that passed {@link #verifyHead} of this verifier like
   * {@link #verifyBody}, except first use: returns the replay token for the caller to record itself.
   *
   * @throws WebhookException for a body that does not match the signed {@code Digest}
   * @throws IllegalArgumentException when {@code head} was verified by another verifier
   */
  public ReplayToken verifyBodyExceptReplay(VerifiedHead head, byte[] body) {
    if (head.verifier != this) {
      throw new IllegalArgumentException("the head was verified by another SignatureVerifier");
    }
    DigestCheck.match(head.digests, body, crypto);
    return new ReplayToken(head.replayToken, head.replayExpiry);
  }

  /** Headers that must appear once: a second one would leave open which value was signed or checked. */
  private static void requireSingleHeaders(WebhookRequest request) {
    for (String name : SINGLE_HEADERS) {
      int count = request.headers(name).size();
      if (count > 1) {
        throw new WebhookException(Reason.HEADER_REPEATED, "the request has " + count + " " + name + " headers");
      }
    }
  }

  private static SignatureHeader signatureHeader(WebhookRequest request) {
    List<String> values = request.headers("signature");
    if (values.isEmpty()) {
      List<String> authorizations = request.headers("authorization");
      Optional<String> authorization = authorizations.stream().findFirst()
          .filter(value -> value.regionMatches(true, 0, "Signature ", 0, "Signature ".length()));
      if (authorization.isEmpty()) {
        throw new WebhookException(Reason.SIGNATURE_MISSING, "no Signature header");
      }
      if (authorizations.size() > 1) {
        throw new WebhookException(
            Reason.HEADER_REPEATED, "the request has " + authorizations.size() + " authorization headers");
      }
      return SignatureHeader.parse(authorization.get());
    }
    return SignatureHeader.parse(values.get(0));
  }

  private static void requireAlgorithm(SignatureHeader signature) {
    String algorithm = signature.algorithm().orElseThrow(
        () -> new WebhookException(Reason.ALGORITHM_UNSUPPORTED, "Signature header names no algorithm"));
    if (!ALGORITHM.equalsIgnoreCase(algorithm)) {
      throw new WebhookException(
          Reason.ALGORITHM_UNSUPPORTED, "signature algorithm is not " + ALGORITHM);
    }
  }

  private void requireTrustedKeyId(String keyId) {
    for (String domain : keyIdDomains) {
      if (KeyIds.isUnder(keyId, domain)) {
        return;
      }
    }
    throw new WebhookException(
        Reason.KEY_ID_INVALID, "keyId is not a host name under " + String.join(" or ", keyIdDomains));
  }

  private void requireSigned(List<String> signedHeaders, WebhookRequest request) {
    for (String required : requiredHeaders) {
      requireSigned(signedHeaders, required);
    }
    if (nonceRequired || request.header(NONCE).isPresent()) {
      requireSigned(signedHeaders, NONCE);
    }
  }

  private static void requireSigned(List<String> signedHeaders, String required) {
    if (!signedHeaders.contains(required)) {
      throw new WebhookException(
          Reason.SIGNED_HEADER_MISSING, "signature does not cover the '" + required + "' header");
    }
  }

  private void requireAccount(WebhookRequest request) {
    List<String> values = request.headers("x-copernica-id");
    if (values.size() != 1 || !accountIds.contains(values.get(0).trim())) {
      throw new WebhookException(
          Reason.ACCOUNT_UNKNOWN, "X-Copernica-ID is absent or not a configured account id");
    }
  }

  private Instant requireRecentDate(WebhookRequest request) {
    String value = request.header("date")
        .orElseThrow(() -> new WebhookException(Reason.DATE_MISSING, "no Date header"));
    Instant date;
    try {
      date = HttpDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new WebhookException(Reason.DATE_INVALID, "Date header is not an HTTP date", e);
    }
    Instant now = clock.instant();
    if (date.isBefore(now.minus(tolerance))) {
      throw new WebhookException(Reason.DATE_STALE, "Date is more than " + tolerance + " in the past");
    }
    if (date.isAfter(now.plus(tolerance))) {
      throw new WebhookException(Reason.DATE_FUTURE, "Date is more than " + tolerance + " in the future");
    }
    return date;
  }

  private byte[] signingString(List<String> signedHeaders, WebhookRequest request, SignatureHeader signature) {
    String target = publicBaseUrl != null ? publicBaseUrl.signedTarget(request.target()) : request.target();
    String signingString = SignatureString.build(
        signedHeaders, request.method(), target, name -> signedValues(name, request, signature));
    // Servlet containers hand header values over as ISO-8859-1 characters: this gives back the wire bytes.
    return signingString.getBytes(StandardCharsets.ISO_8859_1);
  }

  private List<String> signedValues(String name, WebhookRequest request, SignatureHeader signature) {
    if (name.equals("host") && publicBaseUrl != null) {
      return List.of(publicBaseUrl.host());
    }
    if (name.startsWith("(") && name.endsWith(")")) {
      return signature.parameter(name.substring(1, name.length() - 1)).map(List::of).orElse(List.of());
    }
    return request.headers(name);
  }

  private void requireValidSignature(String keyId, byte[] signingString, byte[] signatureBytes) {
    PublicKey key = keyResolver.resolve(keyId);
    if (verifies(crypto, key, signingString, signatureBytes)) {
      return;
    }
    boolean verifiesWithNewerKey = keyResolver.refresh(keyId, key)
        .map(newer -> verifies(crypto, newer, signingString, signatureBytes))
        .orElse(false);
    if (!verifiesWithNewerKey) {
      throw new WebhookException(Reason.SIGNATURE_INVALID, "signature does not verify with the key for its keyId");
    }
  }

  /** Whether the RSASSA-PKCS1-v1_5 / SHA-256 signature verifies; a non-RSA key is a key problem. */
  static boolean verifies(Crypto crypto, PublicKey key, byte[] signingString, byte[] signatureBytes) {
    try {
      Signature rsa = crypto.rsaSha256();
      rsa.initVerify(key);
      rsa.update(signingString);
      return rsa.verify(signatureBytes);
    } catch (InvalidKeyException e) {
      throw new WebhookException(Reason.KEY_NOT_FOUND, "the key for this keyId is not an RSA public key", e);
    } catch (GeneralSecurityException e) {
      return false; // a signature of the wrong length or shape simply does not verify
    }
  }

  /** The nonce, or else the decoded signature: equivalent base64 spellings of one signature are one token. */
  private static String replayToken(WebhookRequest request, byte[] signatureBytes) {
    return request.header(NONCE)
        .map(nonce -> "nonce " + nonce.trim())
        .orElseGet(() -> "signature " + Base64.getEncoder().encodeToString(signatureBytes));
  }

  /** Builds a {@link SignatureVerifier}; account ids and a key resolver are required. */
  public static final class Builder {
    private final Set<String> accountIds = new LinkedHashSet<>();
    private @Nullable PublicKeyResolver keyResolver;
    private Duration tolerance = DEFAULT_TOLERANCE;
    private @Nullable PublicBaseUrl publicBaseUrl;
    private Clock clock = Clock.systemUTC();
    private @Nullable ReplayGuard replayGuard;
    private List<String> requiredHeaders = DEFAULT_REQUIRED_HEADERS;
    private boolean nonceRequired = true;
    private List<String> keyIdDomains = List.of(DEFAULT_KEY_ID_DOMAIN);
    private SignatureProvider provider = SignatureProvider.AUTO;
    private boolean installProviderGlobally;

    private Builder() {}

    /** The account ids ({@code X-Copernica-ID} values) this endpoint accepts; at least one. */
    public Builder accountIds(String... accountIds) {
      return accountIds(Arrays.asList(accountIds));
    }

    /** The account ids ({@code X-Copernica-ID} values) this endpoint accepts; replaces earlier ones. */
    public Builder accountIds(Collection<String> accountIds) {
      this.accountIds.clear();
      for (String accountId : accountIds) {
        if (accountId == null || accountId.isBlank()) {
          throw new IllegalArgumentException("account ids must not be blank");
        }
        this.accountIds.add(accountId.trim());
      }
      return this;
    }

    /** Where public keys come from: {@link PublicKeyResolver#dns()} for Copernica's published keys. */
    public Builder keyResolver(PublicKeyResolver resolver) {
      this.keyResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** How far {@code Date} may lie from this receiver's clock, either way; default five minutes. */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance");
      if (tolerance.isNegative() || tolerance.isZero()) {
        throw new IllegalArgumentException("tolerance must be positive, was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * The URL the sender used, when a proxy changes host or path, e.g. {@code https://example.com/app}:
     * the signed host is its host (and port, when given) and the signed target is its path followed by
     * the target this receiver sees.
     */
    public Builder publicBaseUrl(String url) {
      this.publicBaseUrl = PublicBaseUrl.parse(Objects.requireNonNull(url, "url"));
      return this;
    }

    /** The clock that {@code Date} is compared with; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where used nonces are remembered; default an in-memory guard for this verifier alone. */
    public Builder replayGuard(ReplayGuard replayGuard) {
      this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
      return this;
    }

    /**
     * The headers every signature must cover, default {@link #DEFAULT_REQUIRED_HEADERS}; {@code date} and
     * {@code digest} cannot be left out. {@code x-nonce} is required as well unless {@link #requireNonce}
     * says otherwise, and always when the request has one.
     */
    public Builder requiredHeaders(String... headers) {
      List<String> names = Arrays.stream(headers).map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
      for (String mandatory : List.of("date", "digest")) {
        if (!names.contains(mandatory)) {
          throw new IllegalArgumentException("required headers must include '" + mandatory + "'");
        }
      }
      this.requiredHeaders = names;
      return this;
    }

    /**
     * Whether every signature must cover an {@code X-Nonce} header; default {@code true}, as Copernica's own
     * verifier requires. With {@code false}, a request without a nonce is accepted once: its decoded
     * signature is then the replay token. A nonce that is present must be signed either way.
     */
    public Builder requireNonce(boolean required) {
      this.nonceRequired = required;
      return this;
    }

    /**
     * The domains under which key ids are accepted, replacing the default {@link #DEFAULT_KEY_ID_DOMAIN}:
     * for example {@code "_domainkey.copernica.com", "_domainkey.copernica.nl"} for another Copernica
     * domain. A key id must be a host name strictly under one of them (on a label boundary); its key is
     * looked up only then, so name only domains whose DNS you trust to publish Copernica's keys.
     *
     * @throws IllegalArgumentException when none is given or one is not a host name of at least two labels
     */
    public Builder keyIdDomains(String... domains) {
      if (domains.length == 0) {
        throw new IllegalArgumentException("at least one key id domain is required");
      }
      List<String> names = new ArrayList<>(domains.length);
      for (String domain : domains) {
        names.add(KeyIds.domain(Objects.requireNonNull(domain, "domain")));
      }
      this.keyIdDomains = List.copyOf(names);
      return this;
    }

    /**
     * Which provider checks signatures and digests: {@link SignatureProvider#AUTO} (the default) takes ACCP
     * when it loads and passes its self-test, else the JDK's; {@code build()} logs which one at INFO.
     */
    public Builder provider(SignatureProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Whether {@code build()} also puts the chosen provider first in the JVM's provider list, so that the
     * rest of the application (TLS, JWT libraries) gets it too; default {@code false}. Only ACCP is
     * installed: with the JDK's providers the list stays as it is.
     */
    public Builder installProviderGlobally(boolean install) {
      this.installProviderGlobally = install;
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException when no account id or no key resolver was given, or when {@link
     *     SignatureProvider#ACCP} was asked for and cannot be used (the message says why)
     */
    public SignatureVerifier build() {
      if (accountIds.isEmpty()) {
        throw new IllegalStateException(
            "SignatureVerifier needs at least one account id: accountIds(\"account_1234\"), the X-Copernica-ID value");
      }
      if (keyResolver == null) {
        throw new IllegalStateException(
            "SignatureVerifier needs a key resolver: keyResolver(PublicKeyResolver.dns()) for Copernica's keys");
      }
      Crypto crypto = Crypto.select(provider);
      if (installProviderGlobally) {
        crypto.installGlobally();
      }
      return new SignatureVerifier(this, keyResolver, crypto);
    }
  }
}
