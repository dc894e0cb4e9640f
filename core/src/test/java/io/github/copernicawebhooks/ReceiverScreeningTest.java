package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.KnownKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WebhookReceiver#screen} refuses, from the head alone, every call whose headers show it cannot be
 * genuine, and {@link WebhookReceiver#receive(Screening, byte[])} then checks only what needs the body.
 */
class ReceiverScreeningTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final WebhookSigner OTHER_KEY = WebhookSigner.generate();
  private static final byte[] BODY = Events.profileUpdateBody(4711).getBytes(StandardCharsets.UTF_8);

  private final List<WebhookEvent> received = new CopyOnWriteArrayList<>();
  private final KnownKeyResolver keys = SIGNER.knownKeyResolver();
  private final WebhookReceiver receiver = WebhookReceiver.builder()
      .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(keys).build())
      .listener(received::add)
      .build();

  private static WebhookRequest unsigned(byte[] body) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "receiver.example.com")
        .header("Content-Type", FORM)
        .body(body)
        .build();
  }

  /** The head of a call signed by {@code signer} for {@link #BODY}: everything but the body. */
  private static WebhookRequest headSignedBy(WebhookSigner signer) {
    return signer.sign(unsigned(BODY)).withBody(new byte[0]);
  }

  private static WebhookRequest changed(WebhookRequest request, UnaryOperator<WebhookRequest.Builder> change) {
    return change.apply(request.toBuilder()).build();
  }

  private void assertScreenedOut(WebhookRequest head, Reason reason) {
    Screening screening = receiver.screen(head, BODY.length);

    assertThat(screening.refusal()).hasValueSatisfying(outcome -> {
      assertThat(outcome.status()).isEqualTo(WebhookOutcome.Kind.of(reason).status());
      assertThat(outcome.failure().map(WebhookException::reason)).hasValue(reason);
    });
  }

  @Test
  void refusesAnUnsignedHeadBeforeTheBodyIsRead() {
    assertScreenedOut(unsigned(new byte[0]), Reason.SIGNATURE_MISSING);
  }

  @Test
  void refusesAnUnparseableSignatureBeforeTheBodyIsRead() {
    assertScreenedOut(changed(headSignedBy(SIGNER), b -> b.setHeader("Signature", "garbage")),
        Reason.SIGNATURE_MALFORMED);
  }

  @Test
  void refusesAnotherAccountBeforeTheBodyIsRead() {
    assertScreenedOut(headSignedBy(SIGNER.withAccountId("account_9999")), Reason.ACCOUNT_UNKNOWN);
  }

  @Test
  void refusesAKeyIdOutsideCopernicaBeforeTheBodyIsRead() {
    assertScreenedOut(headSignedBy(SIGNER.withKeyId("one._domainkey.example.net")), Reason.KEY_ID_INVALID);
  }

  @Test
  void refusesADateOutsideTheWindowBeforeTheBodyIsRead() {
    Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));

    assertScreenedOut(headSignedBy(SIGNER.withClock(tenMinutesAgo)), Reason.DATE_STALE);
  }

  @Test
  void refusesASignatureThatDoesNotVerifyBeforeTheBodyIsRead() {
    assertScreenedOut(headSignedBy(OTHER_KEY), Reason.SIGNATURE_INVALID);
    assertThat(keys.askedKeyIds()).containsExactly(SIGNER.keyId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Date", "Digest", "Host", "Signature"})
  void refusesAHeadWithAHeaderThatMustAppearOnceTwice(String name) {
    WebhookRequest head = headSignedBy(SIGNER);
    WebhookRequest twice = changed(head, b -> b.header(name, head.header(name).orElseThrow()));

    assertScreenedOut(twice, Reason.HEADER_REPEATED);
    assertThat(receiver.screen(twice, BODY.length).refusal().orElseThrow().failure().orElseThrow())
        .hasMessageContaining("2 " + name.toLowerCase() + " headers");
  }

  @Test
  void verifiesTheSignatureOnceOnTheAdapterPath() {
    WebhookRequest head = headSignedBy(SIGNER);

    Screening screening = receiver.screen(head, BODY.length);
    assertThat(screening.refusal()).isEmpty();
    assertThat(keys.askedKeyIds()).containsExactly(SIGNER.keyId());
    WebhookOutcome outcome = receiver.receive(screening, BODY);

    assertThat(outcome.kind()).isEqualTo(Kind.HANDLED);
    assertThat(received).hasSize(1);
    assertThat(keys.askedKeyIds()).as("the key is asked for once, by the screening").containsExactly(SIGNER.keyId());
  }

  @Test
  void verifiesEverythingOnceWhenCalledWithTheWholeRequest() {
    assertThat(receiver.receive(SIGNER.sign(unsigned(BODY))).kind()).isEqualTo(Kind.HANDLED);

    assertThat(keys.askedKeyIds()).containsExactly(SIGNER.keyId());
  }

  @Test
  void checksTheBodyAgainstTheSignedDigestAndUsesUpTheNonceOnlyWhenItMatched() {
    WebhookRequest head = headSignedBy(SIGNER);
    byte[] tampered = Events.profileUpdateBody(4712).getBytes(StandardCharsets.UTF_8);

    WebhookOutcome refused = receiver.receive(receiver.screen(head, tampered.length), tampered);
    WebhookOutcome genuine = receiver.receive(receiver.screen(head, BODY.length), BODY);
    WebhookOutcome replayed = receiver.receive(receiver.screen(head, BODY.length), BODY);

    assertThat(refused.failure().map(WebhookException::reason)).hasValue(Reason.DIGEST_MISMATCH);
    assertThat(genuine.kind()).isEqualTo(Kind.HANDLED);
    assertThat(replayed.failure().map(WebhookException::reason)).hasValue(Reason.REPLAYED);
    assertThat(received).hasSize(1);
  }

  @Test
  void aScreeningCannotBeUsedTwice() {
    Screening screening = receiver.screen(headSignedBy(SIGNER), BODY.length);

    assertThat(receiver.receive(screening, BODY).kind()).isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(screening, BODY).failure().map(WebhookException::reason)).hasValue(Reason.REPLAYED);
    assertThat(received).hasSize(1);
  }

  @Test
  void givesTheListenerTheScreenedHeadWithTheBody() {
    List<WebhookRequest> requests = new CopyOnWriteArrayList<>();
    WebhookReceiver withRequest = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(keys).build())
        .listener(new WebhookListener() {
          @Override
          public void onEvent(WebhookEvent event) {}

          @Override
          public void onEvent(WebhookEvent event, WebhookRequest request) {
            requests.add(request);
          }
        })
        .build();
    WebhookRequest head = headSignedBy(SIGNER);

    withRequest.receive(withRequest.screen(head, BODY.length), BODY);

    assertThat(requests).singleElement().satisfies(request -> {
      assertThat(request.body()).isSameAs(BODY);
      assertThat(request.header("X-Nonce")).isEqualTo(head.header("X-Nonce"));
    });
  }

  @Test
  void returnsTheRefusalOfARefusedScreeningWithoutLookingAtTheBody() {
    Screening refused = receiver.screen(unsigned(new byte[0]), BODY.length);

    WebhookOutcome outcome = receiver.receive(refused, BODY);

    assertThat(outcome).isSameAs(refused.refusal().orElseThrow());
    assertThat(received).isEmpty();
  }

  @Test
  void refusesABodyLargerThanTheLimitEvenWhenTheHeadDeclaredLess() {
    WebhookReceiver small = WebhookReceiver.builder().signatureOff().listener(received::add).maxBodyBytes(10).build();
    Screening screening = small.screen(unsigned(new byte[0]), 5);

    assertThat(small.receive(screening, BODY).kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(received).isEmpty();
  }

  @Test
  void refusesAScreeningOfAnotherReceiver() {
    WebhookReceiver other = WebhookReceiver.builder().signatureOff().listener(received::add).build();
    Screening foreign = other.screen(unsigned(new byte[0]), BODY.length);

    assertThatThrownBy(() -> receiver.receive(foreign, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another WebhookReceiver");
    assertThat(received).isEmpty();
  }
}
