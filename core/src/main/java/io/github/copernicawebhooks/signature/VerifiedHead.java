package io.github.copernicawebhooks.signature;

import java.time.Instant;
import java.util.List;

/**
 * A request head whose signature verified, waiting for its body: proof that {@link
 * SignatureVerifier#verifyHead} passed, to be handed to {@link SignatureVerifier#verifyBody} of the same
 * verifier once the body is read. It is not a verified request: until {@code verifyBody} returns, neither the
 * body's {@code Digest} nor the replay guard has been checked.
 *
 * <p>Only the verifier creates instances (there is no public constructor), and it accepts only its own, so
 * holding one is proof that this verifier checked the head. It carries what the body step needs and nothing
 * else: the digests the signed {@code Digest} header promises and the replay token with its expiry.
 */
public final class VerifiedHead {

  final SignatureVerifier verifier;
  final List<DigestCheck.Entry> digests;
  final String replayToken;
  final Instant replayExpiry;

  VerifiedHead(SignatureVerifier verifier, List<DigestCheck.Entry> digests, String replayToken, Instant replayExpiry) {
    this.verifier = verifier;
    this.digests = digests;
    this.replayToken = replayToken;
    this.replayExpiry = replayExpiry;
  }

  @Override
  public String toString() {
    return "VerifiedHead (body not checked yet)";
  }
}
