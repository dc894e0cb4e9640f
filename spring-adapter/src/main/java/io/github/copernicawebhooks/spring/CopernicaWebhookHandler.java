package io.github.copernicawebhooks.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a method of a Spring bean that handles Copernica webhook events.
 *
 * <p>The method's event parameter selects the events it receives: a concrete event record such as
 * {@code ProfileUpdated} or {@code EmailClicked}, a family such as {@code ProfileEvent},
 * {@code SubprofileEvent} or {@code EmailEvent}, or
 * {@code WebhookEvent} for every event. It may declare a second parameter of type
 * {@code WebhookRequest} to see the raw call. It must return {@code void} (or {@code Mono<Void>}) and must not be static; it
 * and its class may be package-private. Several methods may receive the same event: {@code @Order} on
 * the methods decides the order in which they run. An exception thrown by a method fails the call
 * (HTTP 500) and stops the methods after it. A method may return {@code Mono<Void>} instead of
 * {@code void}: the call waits for it, and its error fails the call the same way.
 *
 * <pre>{@code
 * @Component
 * class NewsletterHandlers {
 *   @CopernicaWebhookHandler(database = 12)
 *   void onUpdate(ProfileUpdated update) {
 *     update.fields().get("email").ifPresent(mailingList::sync);
 *   }
 * }
 * }</pre>
 *
 * <p>A method with an unusable signature makes the application fail at start-up with a message that
 * names the method and the problem. The annotation is {@link Reflective}, like Spring's
 * {@code @EventListener}: Spring AOT registers the methods it marks for invocation in a native image.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface CopernicaWebhookHandler {

  /**
   * Database ids this method accepts; empty (the default) accepts every database. An event that
   * carries no database id does not match a method that names databases. Profile, subprofile and
   * {@code Unsubscribed} events carry one; a method for other event types that names databases is refused.
   */
  long[] database() default {};

  /**
   * Collection ids this method accepts; empty (the default) accepts every collection. Only subprofile
   * events carry a collection, so a method that names collections receives only subprofile events.
   */
  long[] collection() default {};
}
