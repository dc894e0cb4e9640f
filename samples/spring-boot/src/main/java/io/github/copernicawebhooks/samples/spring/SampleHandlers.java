package io.github.copernicawebhooks.samples.spring;

import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.spring.CopernicaWebhookHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The sample's handlers: each logs the typed event in one readable line. */
@Component
class SampleHandlers {

  private static final Logger log = LoggerFactory.getLogger(SampleHandlers.class);

  @CopernicaWebhookHandler
  void onProfileUpdate(ProfileUpdated update) {
    log.info("ProfileUpdated: profile {} in database {} changed {}; interests {}",
        update.profileId(), update.databaseId().orElse(-1), update.parameters().asMap(), update.interests());
  }

  @CopernicaWebhookHandler
  void onSubprofile(SubprofileEvent event) {
    log.info("{}: subprofile {} of profile {} in collection {}, fields {}",
        event.getClass().getSimpleName(), event.subprofileId(), event.profileId(),
        event.collectionId().orElse(-1), event.fields().asMap());
  }

  @CopernicaWebhookHandler
  void onEmail(EmailEvent event) {
    log.info("{}: message {} to {} with tags {}", event.getClass().getSimpleName(), event.messageId(),
        event.recipient().orElse("(no recipient)"), event.tags());
  }

  @CopernicaWebhookHandler
  void onEverythingElse(WebhookEvent event) {
    if (isHandledAbove(event)) {
      return;
    }
    if (event instanceof ProfileEvent profile) {
      log.info("{}: profile {} in database {}, fields {}", event.getClass().getSimpleName(),
          profile.profileId(), profile.databaseId().orElse(-1), profile.fields().asMap());
      return;
    }
    log.info("{}: type '{}' at {} with variables {}",
        event.getClass().getSimpleName(), event.type(), event.instant(), event.raw().keySet());
  }

  private static boolean isHandledAbove(WebhookEvent event) {
    return event instanceof ProfileUpdated || event instanceof SubprofileEvent || event instanceof EmailEvent;
  }
}
