package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/** What one DNS lookup of a key id brought. */
record LookupOutcome(Kind kind, @Nullable PublicKey key, String problem, @Nullable Exception cause) {

  enum Kind {
    /** A usable key. */
    FOUND,
    /** The name does not exist, or its record revokes the key: the key's owner withdrew it. */
    GONE,
    /** The record is there but holds no usable key (not DKIM1, not RSA, too short, garbled). */
    UNUSABLE,
    /** No answer: timeout, server failure, refused. */
    FAILED
  }

  static LookupOutcome found(PublicKey key) {
    return new LookupOutcome(Kind.FOUND, key, "", null);
  }

  static LookupOutcome gone(String problem) {
    return new LookupOutcome(Kind.GONE, null, problem, null);
  }

  static LookupOutcome unusable(String problem) {
    return new LookupOutcome(Kind.UNUSABLE, null, problem, null);
  }

  static LookupOutcome failed(String problem, Exception cause) {
    return new LookupOutcome(Kind.FAILED, null, problem, cause);
  }

  /** The refusal for a call whose key this lookup did not bring. */
  WebhookException refusal() {
    Reason reason = kind == Kind.FAILED ? Reason.KEY_UNAVAILABLE : Reason.KEY_NOT_FOUND;
    return new WebhookException(reason, problem, cause);
  }
}
