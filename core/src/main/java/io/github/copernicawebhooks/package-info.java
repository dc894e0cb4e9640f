/**
 * Copernica webhooks for Java: parse, verify and dispatch the calls Copernica makes.
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse(body);
 * if (event instanceof ProfileUpdated update) {
 *   String email = update.fields().get("email").orElse("");
 * }
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks;

import org.jspecify.annotations.NullMarked;
