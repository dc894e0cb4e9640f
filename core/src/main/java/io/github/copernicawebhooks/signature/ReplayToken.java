package io.github.copernicawebhooks.signature;

import java.time.Instant;
import java.util.Objects;

/**
 * What makes a verified call unique for replay protection, and how long it must stay unique: returned by
 * {@link SignatureVerifier#verifyExceptReplay} (or {@link SignatureVerifier#verifyBodyExceptReplay}) to a receiver that records first use itself, atomically with
 * storing the call (the inbox keeps it in the same row as the event).
 *
 * @param token the {@code X-Nonce} value ({@code nonce ...}), or the signature when the call has none
 *     ({@code signature ...}, the decoded bytes in canonical base64)
 * @param expiresAt the last instant the call could still be accepted: its {@code Date} plus the tolerance
 */
public record ReplayToken(String token, Instant expiresAt) {

  public ReplayToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
