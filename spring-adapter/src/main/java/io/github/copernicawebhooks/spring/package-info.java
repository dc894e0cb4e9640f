/**
 * Spring Boot auto-configuration for Copernica webhooks: a verified endpoint at
 * {@code copernica.webhooks.path} and {@link io.github.copernicawebhooks.spring.CopernicaWebhookHandler}
 * methods chosen by their event parameter.
 *
 * <pre>{@code
 * // application.properties: copernica.webhooks.account-ids=account_1234
 * @Component
 * class ProfileHandlers {
 *   @CopernicaWebhookHandler
 *   void onUpdate(ProfileUpdated update) {
 *     log.info("profile {} changed: {}", update.profileId(), update.parameters().asMap());
 *   }
 * }
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.spring;

import org.jspecify.annotations.NullMarked;
