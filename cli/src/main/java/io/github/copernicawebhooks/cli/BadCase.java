package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A deliberately bad call, to see what a receiver answers to it. */
enum BadCase {
  NONE,
  /** Signed, then one variable added: the Digest no longer matches. */
  TAMPER_BODY,
  /** Signed an hour ago, far outside the five minutes a receiver allows by default. */
  STALE_DATE,
  /** Signed for an account the receiver does not expect. */
  WRONG_ACCOUNT,
  /** No signature headers at all. */
  UNSIGNED;

  private static final byte[] TAMPERING = "&tampered=1".getBytes(StandardCharsets.US_ASCII);

  /** The signer this case signs with. */
  WebhookSigner signer(WebhookSigner signer) {
    return switch (this) {
      case STALE_DATE -> signer.withClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
      case WRONG_ACCOUNT -> signer.withAccountId(signer.accountId() + "_wrong");
      default -> signer;
    };
  }

  /** The headers to send for this body, Content-Type first. */
  Map<String, String> headers(WebhookSigner signer, String method, String target, String host, byte[] body,
      String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    if (this != UNSIGNED) {
      headers.putAll(signer(signer).headersFor(method, target, host, body));
    }
    return headers;
  }

  /** The body sent after signing: this case's change, if any. */
  byte[] sent(byte[] signed) {
    if (this != TAMPER_BODY) {
      return signed;
    }
    byte[] tampered = Arrays.copyOf(signed, signed.length + TAMPERING.length);
    System.arraycopy(TAMPERING, 0, tampered, signed.length, TAMPERING.length);
    return tampered;
  }
}
