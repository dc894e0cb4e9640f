package io.github.copernicawebhooks;

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
    super(message, cause);
    this.reason = reason;
  }

  /** Why the call was refused. */
  public Reason reason() {
    return reason;
  }

  /** Why a webhook call was refused, and the HTTP status an adapter answers for it. */
  public enum Reason {
    /** The body is not valid form encoding or JSON (bad percent-escape, invalid UTF-8, broken brackets). */
    MALFORMED_BODY(400),
    /** A variable that the event type requires is absent. */
    MISSING_VARIABLE(400),
    /** A variable has a value that cannot be used (a non-numeric id, an unparseable date, ...). */
    INVALID_VARIABLE(400),
    /** A parser limit was hit: too many variables, brackets nested too deep, a key too long. */
    LIMIT_EXCEEDED(400),
    /** The body is larger than the configured maximum. */
    BODY_TOO_LARGE(413),
    /** The content type is neither form-urlencoded nor JSON. */
    UNSUPPORTED_CONTENT_TYPE(415),
    /** The HTTP method is not POST. */
    METHOD_NOT_ALLOWED(405),

    /** No {@code Digest} header. */
    DIGEST_MISSING(401),
    /** The {@code Digest} header names no supported algorithm or cannot be read. */
    DIGEST_UNSUPPORTED(401),
    /** The {@code Digest} does not match the body. */
    DIGEST_MISMATCH(401),
    /** No {@code Signature} header. */
    SIGNATURE_MISSING(401),
    /**
     * A header that must appear once ({@code Date}, {@code Digest}, {@code Host}, {@code Signature}, or the
     * {@code Authorization} that carries the signature) appears several times; the message names it.
     */
    HEADER_REPEATED(401),
    /** The {@code Signature} header cannot be parsed. */
    SIGNATURE_MALFORMED(401),
    /** The signature algorithm is not {@code rsa-sha256}. */
    ALGORITHM_UNSUPPORTED(401),
    /** A header that must be signed is not in the signed header list, or is absent from the request. */
    SIGNED_HEADER_MISSING(401),
    /**
     * The {@code keyId} is not a host name under a trusted key domain (by default {@code
     * _domainkey.copernica.com}).
     */
    KEY_ID_INVALID(401),
    /** {@code X-Copernica-ID} is absent or not one of the configured account ids. */
    ACCOUNT_UNKNOWN(401),
    /** No {@code Date} header. */
    DATE_MISSING(401),
    /** The {@code Date} header is not an HTTP date. */
    DATE_INVALID(401),
    /** The {@code Date} is older than the tolerance allows. */
    DATE_STALE(401),
    /** The {@code Date} lies further in the future than the tolerance allows. */
    DATE_FUTURE(401),
    /** The RSA signature does not verify. */
    SIGNATURE_INVALID(401),
    /** The same nonce (or signature) was seen before inside the tolerance window. */
    REPLAYED(401),
    /** No public key is published for the {@code keyId}, or the published record is not a usable RSA key. */
    KEY_NOT_FOUND(401),
    /** The public key could not be looked up right now (DNS unreachable); the sender should retry. */
    KEY_UNAVAILABLE(503),
    /**
     * The replay guard has no room for another token before older ones expire; the call is refused (503
     * with {@code Retry-After}) rather than forgetting a token that could still be replayed.
     */
    REPLAY_GUARD_FULL(503),
    /** The inbox database could not be reached, so the call was not stored; the sender should retry. */
    STORE_UNAVAILABLE(503);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status an adapter answers for this reason. */
    public int httpStatus() {
      return httpStatus;
    }

    /** Whether this reason is a failed authenticity check (answered 401 with a generic body). */
    public boolean isVerificationFailure() {
      return httpStatus == 401;
    }
  }
}
