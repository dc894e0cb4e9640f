package io.github.copernicawebhooks;

import io.github.copernicawebhooks.signature.VerifiedHead;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link WebhookReceiver#screen} found in a call's head before its body was read: either the refusal to
 * answer at once, or the go-ahead to read the body and pass it to {@link WebhookReceiver#receive(Screening,
 * byte[])}.
 *
 * <p>A screening that went ahead holds the proof that the receiver's verifier checked the head (its signature
 * included), so that the body step verifies only what needs the body: the {@code Digest} and the replay guard.
 * Only the receiver creates screenings (there is no public constructor) and it accepts only its own, so a
 * screening cannot be made up to skip any check.
 */
public final class Screening {

  final WebhookReceiver receiver;
  final WebhookRequest head;
  final @Nullable WebhookOutcome refusal;
  final @Nullable VerifiedHead verifiedHead;

  private Screening(
      WebhookReceiver receiver, WebhookRequest head, @Nullable WebhookOutcome refusal, @Nullable VerifiedHead verifiedHead) {
    this.receiver = receiver;
    this.head = head;
    this.refusal = refusal;
    this.verifiedHead = verifiedHead;
  }

  static Screening refused(WebhookReceiver receiver, WebhookRequest head, WebhookOutcome refusal) {
    return new Screening(receiver, head, refusal, null);
  }

  /** A head that may go on; {@code verifiedHead} is null only when the receiver verifies no signatures. */
  static Screening admitted(WebhookReceiver receiver, WebhookRequest head, @Nullable VerifiedHead verifiedHead) {
    return new Screening(receiver, head, null, verifiedHead);
  }

  /** The answer to send without reading the body (already logged), or empty when the body may be read. */
  public Optional<WebhookOutcome> refusal() {
    return Optional.ofNullable(refusal);
  }

  @Override
  public String toString() {
    return refusal == null ? "Screening (admitted)" : "Screening (refused " + refusal.status() + ")";
  }
}
