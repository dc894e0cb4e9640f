package io.github.copernicawebhooks.samples.webflux;

import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.spring.CopernicaWebhookHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The sample's handlers: a Mono that finishes later, and plain methods, each logging the typed event. */
@Component
class ReactiveHandlers {

  private static final Logger log = LoggerFactory.getLogger(ReactiveHandlers.class);

  @CopernicaWebhookHandler
  Mono<Void> onProfileUpdate(ProfileUpdated update) {
    // A reactive client call would go here; the answer to Copernica waits for it, and its failure is a 500.
    return Mono.delay(Duration.ofMillis(10))
        .doOnNext(tick -> log.info("ProfileUpdated: profile {} changed {}", update.profileId(), update.parameters().asMap()))
        .then();
  }

  @CopernicaWebhookHandler
  void onEmail(EmailEvent event) {
    log.info("{}: message {} with tags {}", event.getClass().getSimpleName(), event.messageId(), event.tags());
  }

  @CopernicaWebhookHandler
  void onEverythingElse(WebhookEvent event) {
    if (!(event instanceof ProfileUpdated) && !(event instanceof EmailEvent)) {
      log.info("{}: type '{}' with variables {}", event.getClass().getSimpleName(), event.type(), event.raw().keySet());
    }
  }
}
