package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException.Reason;

/**
 * The ring of {@link RecentCalls} a call is kept in. Each kind has its own bounded ring, so that a flood of
 * one kind (unsigned junk from a scanner, say) cannot push out the calls of another (a genuine call refused
 * for its signature after a key rotation).
 */
enum CallKind {
  /** Handled, duplicate, queued or stored. */
  ACCEPTED,
  /** A handler threw, or something else failed unexpectedly. */
  FAILED,
  /** Answered 503: the receiver was busy or a store unavailable. */
  BUSY,
  /** Refused because it carried no signature at all: what scanners and stray clients send. */
  UNSIGNED,
  /** Refused by the signature verification: digest, signature, key, account, date or replay. */
  SIGNATURE,
  /** Refused because the body is not a well-formed event. */
  MALFORMED,
  /** Refused because the body is larger than the receiver accepts. */
  TOO_LARGE,
  /** Refused before the body was looked at (method, content type), or for a reason not listed above. */
  SCREENED;

  static CallKind of(RecordedCall call) {
    switch (call.outcome()) {
      case HANDLED:
      case DUPLICATE:
      case QUEUED:
      case STORED:
        return ACCEPTED;
      case FAILED:
      case DEAD:
      case ERROR:
        return FAILED;
      case BUSY:
        return BUSY;
      default:
        return call.reason().map(CallKind::ofRefusal).orElse(SCREENED);
    }
  }

  private static CallKind ofRefusal(Reason reason) {
    if (reason == Reason.SIGNATURE_MISSING) {
      return UNSIGNED;
    }
    if (reason.isVerificationFailure()) {
      return SIGNATURE;
    }
    switch (reason) {
      case MALFORMED_BODY:
      case MISSING_VARIABLE:
      case INVALID_VARIABLE:
      case LIMIT_EXCEEDED:
        return MALFORMED;
      case BODY_TOO_LARGE:
        return TOO_LARGE;
      default:
        return SCREENED;
    }
  }
}
