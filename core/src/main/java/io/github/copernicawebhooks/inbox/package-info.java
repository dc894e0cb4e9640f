/**
 * The durable inbox: every verified call is stored in the application's database before it is answered
 * 200, and workers on every instance call the handlers from there, with retries, dead letters and
 * cluster-wide de-duplication and replay protection.
 *
 * <p>With the inbox on, {@link io.github.copernicawebhooks.WebhookReceiver#receive} verifies and parses a
 * call, writes it to the inbox table in one transaction and answers 200 ({@code STORED}) only after the
 * commit; a database that cannot be reached is answered 503 with {@code Retry-After}. A body stored within
 * the {@linkplain InboxSettings#deduplicationWindow() de-duplication window} is answered 200 and stored
 * nowhere, and a nonce used before is refused with 401, across every instance that shares the table.
 * Workers claim due rows with a lease that a heartbeat renews, call the receiver's listener with the
 * stored call (its {@link io.github.copernicawebhooks.WebhookRequest#deliveryId() deliveryId} is the row
 * id), and mark the row handled; a failure is retried with exponential backoff and after the last attempt
 * the row is dead and kept. Handlers get each event at least once: make them idempotent with the delivery id.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(SignatureVerifier.builder().accountIds("account_1234").keyResolver(PublicKeyResolver.dns()).build())
 *     .listener(WebhookDispatcher.builder().on(ProfileUpdated.class, this::onUpdate).build())
 *     .inbox(InboxSettings.builder(dataSource).build())
 *     .build();                        // checks the tables and starts the workers
 * InboxOperations operations = receiver.inbox().orElseThrow();
 * receiver.close();                    // finishes or releases the claimed rows
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.inbox;

import org.jspecify.annotations.NullMarked;
