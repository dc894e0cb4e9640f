/**
 * The test kit ({@code io.github.copernicawebhooks:copernica-webhooks-test}, test scope): bodies exactly
 * as Copernica encodes them ({@link io.github.copernicawebhooks.testkit.WebhookBodies}, one builder per
 * event type, and {@link io.github.copernicawebhooks.testkit.ExampleBodies}), and
 * {@link io.github.copernicawebhooks.testkit.CopernicaTestSender}, which signs and POSTs them over real
 * HTTP. The MockMvc post-processor is in {@code io.github.copernicawebhooks.testkit.spring}; it needs
 * {@code spring-test}, which the kit declares optional, so applications without Spring get no Spring.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.generate();   // core: io.github.copernicawebhooks.signature
 * // ... the receiver trusts signer.resolver() and signer.accountId() ...
 * new CopernicaTestSender(signer).send(endpoint, WebhookBodies.profileUpdated().profile(42).encode());
 * }</pre>
 *
 * <p>The signer itself is not in the kit: {@link io.github.copernicawebhooks.signature.WebhookSigner} and
 * {@link io.github.copernicawebhooks.signature.KnownKeyResolver} are core API, because signing like
 * Copernica is useful beyond tests (re-signing calls one service forwards to another, staging and load
 * generators, checks against other verifiers), and core's own verifier tests need them.
 */
@NullMarked
package io.github.copernicawebhooks.testkit;

import org.jspecify.annotations.NullMarked;
