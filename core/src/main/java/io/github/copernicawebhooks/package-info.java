/**
 * Copernica webhooks for Java: parse, verify and dispatch the calls Copernica makes.
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse(body);
 * if (event instanceof ProfileUpdated update) {
 *   String email = update.fields().get("email").orElse("");
 * }
 * }</pre>
 *
 * <h2>Delivery modes</h2>
 *
 * <p>{@link io.github.copernicawebhooks.WebhookReceiver} hands events to the listener in one of three ways,
 * each with its own guarantee:
 *
 * <table>
 *   <caption>What each mode answers and when an event is safe</caption>
 *   <tr><th>mode</th><th>answered</th><th>an event is safe once</th><th>what can lose it</th></tr>
 *   <tr><td>synchronous (default)</td><td>200 after the handlers return</td><td>the sender got 200</td>
 *       <td>nothing after 200; a 500 relies on Copernica retrying, which it does not document</td></tr>
 *   <tr><td>asynchronous ({@link io.github.copernicawebhooks.WebhookReceiver.Builder#async async})</td>
 *       <td>202 when queued in memory</td><td>the handler finished</td>
 *       <td>a crash or redeploy while it is queued</td></tr>
 *   <tr><td>inbox ({@link io.github.copernicawebhooks.WebhookReceiver.Builder#inbox inbox}), for production</td>
 *       <td>200 after the row is committed in the application's database</td><td>the sender got 200</td>
 *       <td>nothing: workers retry with backoff, then keep it as dead for a person to retry</td></tr>
 * </table>
 *
 * <p>Use the inbox in production; it also de-duplicates and refuses replays across every instance that
 * shares its table. See {@link io.github.copernicawebhooks.inbox}.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(SignatureVerifier.builder().accountIds("account_1234").keyResolver(PublicKeyResolver.dns()).build())
 *     .listener(WebhookDispatcher.builder().on(ProfileUpdated.class, this::onUpdate).build())
 *     .inbox(InboxSettings.builder(dataSource).build())
 *     .build();
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks;

import org.jspecify.annotations.NullMarked;
