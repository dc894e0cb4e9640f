package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Optional;
import java.util.OptionalLong;

/** The queryable columns of an event: its type and the ids it names. */
record EventColumns(
    String eventType,
    OptionalLong profileId,
    OptionalLong subprofileId,
    OptionalLong databaseId,
    OptionalLong collectionId,
    Optional<String> messageId) {

  private static final int MESSAGE_ID_LENGTH = 255;

  static EventColumns of(WebhookEvent event) {
    String type = event.getClass().getSimpleName();
    if (event instanceof SubprofileEvent subprofile) {
      return new EventColumns(type, OptionalLong.of(subprofile.profileId()), OptionalLong.of(subprofile.subprofileId()),
          event.databaseId(), event.collectionId(), Optional.empty());
    }
    if (event instanceof ProfileEvent profile) {
      return new EventColumns(type, OptionalLong.of(profile.profileId()), OptionalLong.empty(), event.databaseId(),
          event.collectionId(), Optional.empty());
    }
    if (event instanceof EmailEvent email) {
      String messageId = email.messageId();
      return new EventColumns(type, email.profileId(), OptionalLong.empty(), event.databaseId(), event.collectionId(),
          Optional.of(StorableText.of(messageId, MESSAGE_ID_LENGTH)));
    }
    return new EventColumns(type, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), Optional.empty());
  }
}
