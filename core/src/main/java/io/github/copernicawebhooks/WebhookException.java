package io.github.copernicawebhooks;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one exception of this SDK: a webhook call that cannot be accepted, with the precise {@link Reason}.
 *
 * <p>Messages name the variable or the byte offset of the problem and never contain secrets or keys.
 */
public final class WebhookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public WebhookException(Reason reason, String message) {
    this(reason, message, null);
  }

  public WebhookException(Reason reason, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** What was wrong, in a short sentence; never null. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /** Why the call was refused. */
  public Reason reason() {
    return reason;
  }

  /**
   * Why a webhook call was refused. The HTTP status an adapter answers for a reason is that of its kind of
   * outcome: {@code WebhookOutcome.Kind.of(reason).status()}.
   */
  public enum Reason {
    /** The body is not valid form encoding or JSON (bad percent-escape, invalid UTF-8, broken brackets). */
    MALFORMED_BODY,
    /** A variable that the event type requires is absent. */
    MISSING_VARIABLE,
    /** A variable has a value that cannot be used (a non-numeric id, an unparseable date, ...). */
    INVALID_VARIABLE,
    /** A parser limit was hit: too many variables, brackets nested too deep, a key too long. */
    LIMIT_EXCEEDED,
    /** The body is larger than the configured maximum. */
    BODY_TOO_LARGE,
    /** The content type is neither form-urlencoded nor JSON. */
    UNSUPPORTED_CONTENT_TYPE,
    /** The HTTP method is not POST. */
    METHOD_NOT_ALLOWED,

    /** No {@code Digest} header. */
    DIGEST_MISSING(true),
    /** The {@code Digest} header names no supported algorithm or cannot be read. */
    DIGEST_UNSUPPORTED(true),
    /** The {@code Digest} does not match the body. */
    DIGEST_MISMATCH(true),
    /** No {@code Signature} header. */
    SIGNATURE_MISSING(true),
    /**
     * A header that must appear once ({@code Date}, {@code Digest}, {@code Host}, {@code Signature}, or the
     * {@code Authorization} that carries the signature) appears several times; the message names it.
     */
    HEADER_REPEATED(true),
    /** The {@code Signature} header cannot be parsed. */
    SIGNATURE_MALFORMED(true),
    /** The signature algorithm is not {@code rsa-sha256}. */
    ALGORITHM_UNSUPPORTED(true),
    /** A header that must be signed is not in the signed header list, or is absent from the request. */
    SIGNED_HEADER_MISSING(true),
    /**
     * The {@code keyId} is not a host name under a trusted key domain (by default {@code
     * _domainkey.copernica.com}).
     */
    KEY_ID_INVALID(true),
    /** {@code X-Copernica-ID} is absent or not one of the configured account ids. */
    ACCOUNT_UNKNOWN(true),
    /** No {@code Date} header. */
    DATE_MISSING(true),
    /** The {@code Date} header is not an HTTP date. */
    DATE_INVALID(true),
    /** The {@code Date} is older than the tolerance allows. */
    DATE_STALE(true),
    /** The {@code Date} lies further in the future than the tolerance allows. */
    DATE_FUTURE(true),
    /** The RSA signature does not verify. */
    SIGNATURE_INVALID(true),
    /** The same nonce (or signature) was seen before inside the tolerance window. */
    REPLAYED(true),
    /** No public key is published for the {@code keyId}, or the published record is not a usable RSA key. */
    KEY_NOT_FOUND(true),
    /** The public key could not be looked up right now (DNS unreachable); the sender should retry. */
    KEY_UNAVAILABLE,
    /**
     * The replay guard has no room for another token before older ones expire; the call is refused (503
     * with {@code Retry-After}) rather than forgetting a token that could still be replayed.
     */
    REPLAY_GUARD_FULL,
    /** The inbox database could not be reached, so the call was not stored; the sender should retry. */
    STORE_UNAVAILABLE;

    private final boolean verificationFailure;

    Reason() {
      this(false);
    }

    Reason(boolean verificationFailure) {
      this.verificationFailure = verificationFailure;
    }

    /** Whether this reason is a failed authenticity check (answered with a generic body). */
    public boolean isVerificationFailure() {
      return verificationFailure;
    }
  }
}
