package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.WebhookSigner;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterSettingsTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate("account_1234");

  @TempDir Path temporary;
  private Path publicKey;

  @BeforeEach
  void writePublicKey() throws IOException {
    publicKey = Files.writeString(temporary.resolve("key.pem"), SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    RecordingListener.clear();
  }

  @Test
  void buildsReceiverThatVerifiesWithThePinnedKey() throws Exception {
    WebhookReceiver receiver = receiver(verified());

    assertThat(receiver.verifiesSignatures()).isTrue();
    assertThat(receiver.maxBodyBytes()).isEqualTo(ParserLimits.DEFAULT_MAX_BODY_BYTES);
    assertThat(receiver.receive(SIGNER.sign(request("/webhooks", "localhost"))).status()).isEqualTo(200);
    assertThat(receiver.receive(request("/webhooks", "localhost")).status()).isEqualTo(401);
  }

  @Test
  void acceptsSeveralAccountIds() throws Exception {
    WebhookReceiver receiver = receiver(verified().with("account-ids", " account_1 , account_1234 "));

    assertThat(receiver.receive(SIGNER.sign(request("/webhooks", "localhost"))).status()).isEqualTo(200);
  }

  @Test
  void verifiesAgainstThePublicBaseUrlBehindAProxy() throws Exception {
    WebhookReceiver receiver = receiver(verified().with("public-base-url", "https://hooks.example.com/app"));
    WebhookRequest asSent = SIGNER.sign(request("/app/webhooks", "hooks.example.com"));
    WebhookRequest asReceived = asSent.toBuilder().target("/webhooks").setHeader("Host", "10.0.0.7:8080").build();

    assertThat(receiver.receive(asReceived).status()).isEqualTo(200);
  }

  @Test
  void appliesMaxBodyBytesAndTimeZone() throws Exception {
    WebhookReceiver receiver = receiver(unsigned().with("max-body-bytes", "2048").with("time-zone", "UTC"));

    assertThat(receiver.maxBodyBytes()).isEqualTo(2048);
    assertThat(receiver.receive(request("/webhooks", "localhost")).status()).isEqualTo(200);
    WebhookEvent event = RecordingListener.events().get(0);
    assertThat(event.instant()).isEqualTo(event.timestamp().toInstant(ZoneOffset.UTC));
  }

  @Test
  void acceptsUnsignedCallsWithSignatureOff() throws Exception {
    WebhookReceiver receiver = receiver(unsigned());

    assertThat(receiver.verifiesSignatures()).isFalse();
    assertThat(receiver.receive(request("/webhooks", "localhost")).status()).isEqualTo(200);
  }

  /** The tolerance is applied, not only read: 120 s ago is inside the default 300 s and outside 90 s. */
  @Test
  void appliesTheToleranceSeconds() throws Exception {
    WebhookSigner twoMinutesAgo = SIGNER.withClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-120)));

    WebhookOutcome strict = receiver(verified().with("tolerance-seconds", "90"))
        .receive(twoMinutesAgo.sign(request("/webhooks", "localhost")));
    WebhookOutcome byDefault = receiver(verified()).receive(twoMinutesAgo.sign(request("/webhooks", "localhost")));

    assertThat(strict.status()).isEqualTo(401);
    assertThat(strict.failure()).hasValueSatisfying(failure -> assertThat(failure.reason()).isEqualTo(Reason.DATE_STALE));
    assertThat(byDefault.status()).isEqualTo(200);
  }

  @Test
  void verifiesWithTheJdksProviderWhenAccpIsNotOnTheClassPath() throws Exception {
    WebhookReceiver byDefault = receiver(verified());
    WebhookReceiver jdk = receiver(verified().with("signature-provider", "JDK"));

    assertThat(byDefault.signatureProvider()).hasValueSatisfying(name -> assertThat(name).startsWith("SunRsaSign "));
    assertThat(jdk.signatureProvider()).isEqualTo(byDefault.signatureProvider());
    assertThat(jdk.receive(SIGNER.sign(request("/webhooks", "localhost"))).status()).isEqualTo(200);
    assertThat(receiver(unsigned()).signatureProvider()).isEmpty();
  }

  @Test
  void failsNamingTheSignatureProviderThatCannotBeUsed() {
    assertInitFails(verified().with("signature-provider", "accp"),
        "init-param 'signature-provider' is 'accp': signature provider 'accp' was asked for, but ACCP cannot be used: "
            + "it is not on the class path", "linux-x86_64");
    assertInitFails(verified().with("signature-provider", "openssl"),
        "init-param 'signature-provider' must be 'auto', 'jdk' or 'accp', not 'openssl'");
    assertInitFails(verified().with("install-signature-provider-globally", "yes"),
        "init-param 'install-signature-provider-globally' must be 'true' or 'false', not 'yes'");
  }

  @Test
  void asksTheReplayGuardThatTheInitParamNames() throws Exception {
    SharedReplayGuard.TOKENS.clear();
    WebhookReceiver receiver = receiver(verified().with("replay-guard", SharedReplayGuard.class.getName()));
    WebhookRequest signed = SIGNER.sign(request("/webhooks", "localhost"));

    assertThat(receiver.receive(signed).status()).isEqualTo(200);
    assertThat(SharedReplayGuard.TOKENS).containsExactly("nonce " + signed.header("X-Nonce").orElseThrow());
    assertThat(receiver.receive(signed).failure()).hasValueSatisfying(
        failure -> assertThat(failure.reason()).isEqualTo(Reason.REPLAYED));
  }

  @Test
  void deduplicatesWithTheStoreThatTheInitParamNames() throws Exception {
    SharedDeduplicator.CLAIMED.clear();
    WebhookReceiver receiver = receiver(unsigned().with("deduplicator", SharedDeduplicator.class.getName()));

    assertThat(receiver.receive(request("/webhooks", "localhost")).kind()).isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(request("/webhooks", "localhost")).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(SharedDeduplicator.CLAIMED).hasSize(1);
  }

  @Test
  void failsNamingAStoreClassThatCannotBeUsed() {
    assertInitFails(verified().with("replay-guard", "com.example.NoSuchGuard"),
        "init-param 'replay-guard' names class com.example.NoSuchGuard, which cannot be loaded");
    assertInitFails(verified().with("replay-guard", RecordingListener.class.getName()),
        "init-param 'replay-guard'", "does not implement io.github.copernicawebhooks.signature.ReplayGuard");
    assertInitFails(verified().with("deduplicator", ListenerWithoutDefaultConstructor.class.getName()),
        "init-param 'deduplicator'", "does not implement io.github.copernicawebhooks.EventDeduplicator");
    assertInitFails(verified().with("deduplicator", DeduplicatorWithoutDefaultConstructor.class.getName()),
        "init-param 'deduplicator'", "no public no-argument constructor");
    assertInitFails(unsigned().with("replay-guard", SharedReplayGuard.class.getName()),
        "init-param 'replay-guard' needs signature verification");
  }

  @Test
  void failsWhenTheNamedDeduplicatorContradictsTheInMemorySettings() {
    String shared = SharedDeduplicator.class.getName();
    assertInitFails(unsigned().with("deduplicator", shared).with("deduplicate", "false"),
        "init-param 'deduplicator' turns de-duplication on");
    assertInitFails(unsigned().with("deduplicator", shared).with("deduplicate-window-seconds", "60"),
        "init-param 'deduplicate-window-seconds' applies to the in-memory store only");
  }

  @Test
  void failsNamingBodyLimitsThatAreNoNumbers() {
    assertInitFails(verified().with("body-timeout-seconds", "0"), "init-param 'body-timeout-seconds'");
    assertInitFails(verified().with("min-body-bytes-per-second", "-1"),
        "init-param 'min-body-bytes-per-second' must be a whole number, 0 or more");
  }

  @Test
  void failsNamingTheMissingListener() {
    assertInitFails(verified().without("listener"), "init-param 'listener' is missing");
  }

  @Test
  void failsNamingAListenerClassThatCannotBeLoaded() {
    assertInitFails(verified().with("listener", "com.example.Missing"), "init-param 'listener'", "com.example.Missing");
  }

  @Test
  void failsNamingAListenerClassThatIsNoListener() {
    assertInitFails(verified().with("listener", "java.lang.StringBuilder"), "init-param 'listener'",
        "does not implement io.github.copernicawebhooks.WebhookListener");
  }

  @Test
  void failsNamingAListenerWithoutNoArgumentConstructor() {
    assertInitFails(verified().with("listener", ListenerWithoutDefaultConstructor.class.getName()),
        "init-param 'listener'", "no public no-argument constructor");
  }

  @Test
  void failsNamingAListenerWhoseConstructorThrows() {
    assertInitFails(verified().with("listener", ListenerThatFailsToStart.class.getName()),
        "init-param 'listener'", "cannot reach the database");
  }

  @Test
  void failsNamingTheMissingAccountIds() {
    assertInitFails(verified().without("account-ids"), "init-param 'account-ids' is missing");
  }

  @Test
  void failsNamingAnEmptyAccountIdInTheList() {
    assertInitFails(verified().with("account-ids", "account_1,,account_2"), "init-param 'account-ids'");
  }

  @Test
  void failsNamingAnUnknownSignatureMode() {
    assertInitFails(verified().with("signature", "optional"), "init-param 'signature'", "'required' or 'off'");
  }

  @Test
  void failsNamingAPublicKeyFileThatDoesNotExist() {
    assertInitFails(verified().with("public-key", temporary.resolve("absent.pem").toString()), "init-param 'public-key'");
  }

  @Test
  void failsNamingAPublicKeyFileThatHoldsNoKey() throws IOException {
    Path notAKey = Files.writeString(temporary.resolve("not-a-key.pem"), "hello", StandardCharsets.US_ASCII);

    assertInitFails(verified().with("public-key", notAKey.toString()), "init-param 'public-key'");
  }

  @Test
  void failsNamingNumbersThatAreNotPositive() {
    assertInitFails(verified().with("max-body-bytes", "4MB"), "init-param 'max-body-bytes'", "'4MB'");
    assertInitFails(verified().with("tolerance-seconds", "0"), "init-param 'tolerance-seconds'");
  }

  @Test
  void failsNamingAnUnknownTimeZone() {
    assertInitFails(verified().with("time-zone", "Europe/Atlantis"), "init-param 'time-zone'");
  }

  @Test
  void failsNamingAPublicBaseUrlThatIsNoHttpUrl() {
    assertInitFails(verified().with("public-base-url", "hooks.example.com/app"), "init-param 'public-base-url'");
  }

  @Test
  void failsNamingAnInitParamItDoesNotKnow() {
    assertInitFails(verified().with("acount-ids", "account_1234"), "init-param 'acount-ids' is not known");
  }

  private TestFilterConfig verified() {
    return new TestFilterConfig()
        .with("listener", RecordingListener.class.getName())
        .with("account-ids", "account_1234")
        .with("public-key", publicKey.toString());
  }

  private static TestFilterConfig unsigned() {
    return new TestFilterConfig()
        .with("listener", RecordingListener.class.getName())
        .with("signature", "off");
  }

  private static WebhookReceiver receiver(TestFilterConfig config) throws ServletException {
    return FilterSettings.from(config).receiver();
  }

  private static void assertInitFails(TestFilterConfig config, String... fragments) {
    assertThatThrownBy(() -> new CopernicaWebhookFilter().init(config))
        .isInstanceOf(ServletException.class)
        .satisfies(failure -> assertThat(failure.getMessage())
            .startsWith("Copernica webhook filter 'copernica-webhooks': ")
            .contains(fragments));
  }

  private static WebhookRequest request(String target, String host) {
    return WebhookRequest.builder()
        .target(target)
        .header("Host", host)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("type=update&profile=1&database=2&timestamp=2026-11-28+08%3A00%3A00".getBytes(StandardCharsets.US_ASCII))
        .build();
  }
}
