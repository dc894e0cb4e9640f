/**
 * Checks that a webhook call really comes from Copernica: {@code Digest} over the raw body, the
 * draft-cavage {@code Signature} ({@code rsa-sha256}) with Copernica's public key from DNS, the account id,
 * the {@code Date} window and a replay guard.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder()
 *     .accountIds("account_1234")                       // X-Copernica-ID values this endpoint accepts
 *     .keyResolver(PublicKeyResolver.dns())             // keys from TXT records, cached for an hour
 *     .publicBaseUrl("https://www.example.com/shop")    // only behind a proxy that rewrites host or path
 *     .build();
 * verifier.verify(request);                            // WebhookException with the precise Reason
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.signature;

import org.jspecify.annotations.NullMarked;
