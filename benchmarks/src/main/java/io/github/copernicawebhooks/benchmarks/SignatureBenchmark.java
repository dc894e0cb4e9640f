package io.github.copernicawebhooks.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureProvider;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole verification of one signed small body against its floor: one {@code SHA256withRSA} verify
 * of the signing string plus one SHA-256 of the body, measured in the same run, with the JDK's provider and
 * with ACCP ({@code provider} parameter). Target: at most 1.15x with the JDK, 1.3x with ACCP.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SignatureBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {

  private static final Instant NOW = Instant.parse("2026-11-28T09:15:00Z");

  /** The provider setting; {@code auto} (what the load server uses) when not run by JMH. */
  @Param({"jdk", "accp"})
  public String provider = "auto";

  private WebhookRequest signed;
  private SignatureVerifier verifier;
  private PublicKey publicKey;
  private byte[] body;
  private byte[] signingString;
  private byte[] signature;
  private Provider signatures;
  private Provider digests;

  @Setup
  public void setUp() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SignatureProvider choice = SignatureProvider.parse(provider);
    WebhookSigner signer = WebhookSigner.generate().withClock(clock).withProvider(choice);
    body = Bodies.load("small");
    signed = signer.sign(WebhookRequest.builder()
        .target("/webhooks/copernica")
        .header("Host", "hooks.example.com")
        .header("Content-Type", Bodies.FORM_CONTENT_TYPE)
        .body(body)
        .build());
    PublicKeyResolver resolver = signer.resolver();
    publicKey = resolver.resolve(signer.keyId());
    verifier = SignatureVerifier.builder()
        .accountIds(signer.accountId())
        .keyResolver(resolver)
        .clock(clock)
        .replayGuard(new EveryCallNew(ReplayGuard.inMemory()))
        .provider(choice)
        .build();
    boolean accp = verifier.providerName().startsWith(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
    signatures = accp ? AmazonCorrettoCryptoProvider.INSTANCE : Security.getProvider("SunRsaSign");
    digests = accp ? AmazonCorrettoCryptoProvider.INSTANCE : Security.getProvider("SUN");
    signingString = signingString(signed).getBytes(StandardCharsets.ISO_8859_1);
    String header = signed.header("Signature").orElseThrow();
    signature = Base64.getDecoder().decode(
        header.substring(header.indexOf("signature=\"") + 11, header.length() - 1));
    if (!bareRsaVerifyPlusSha256()) {
      throw new IllegalStateException("the baseline does not verify: the benchmark would measure a failure");
    }
  }

  /** The full verifier: header parsing, account, date window, Digest, key lookup, RSA, replay guard. */
  @Benchmark
  public WebhookRequest verifySignedSmallBody() {
    verifier.verify(signed);
    return signed;
  }

  /** The floor: one SHA-256 of the body and one SHA256withRSA verify of the signing string, same provider. */
  @Benchmark
  public boolean bareRsaVerifyPlusSha256() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256", digests).digest(body);
      Signature rsa = Signature.getInstance("SHA256withRSA", signatures);
      rsa.initVerify(publicKey);
      rsa.update(signingString);
      return rsa.verify(signature) && digest.length == 32;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signingString(WebhookRequest request) {
    return "(request-target): post " + request.target()
        + "\nhost: " + request.header("Host").orElseThrow()
        + "\ndate: " + request.header("Date").orElseThrow()
        + "\nx-copernica-id: " + request.header("X-Copernica-ID").orElseThrow()
        + "\ndigest: " + request.header("Digest").orElseThrow()
        + "\nx-nonce: " + request.header("X-Nonce").orElseThrow();
  }

  /**
   * The real in-memory guard, fed a distinct token on every call: the benchmark verifies one request
   * over and over, which the guard would otherwise refuse as a replay after the first call.
   */
  private static final class EveryCallNew implements ReplayGuard {
    private final ReplayGuard delegate;
    private final AtomicLong calls = new AtomicLong();

    EveryCallNew(ReplayGuard delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean claim(String token, Instant now, Instant expiresAt) {
      return delegate.claim(token + calls.incrementAndGet(), now, expiresAt);
    }
  }
}
