package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The event type and the ids of one call, what the list shows and filters on.
 *
 * @param eventType the simple name of the event class ({@code ProfileUpdated}), when the body was parsed
 * @param profile the profile id
 * @param subprofile the subprofile id
 * @param database the database id
 * @param collection the collection id
 * @param message the email message id
 */
record EventIds(
    Optional<String> eventType,
    OptionalLong profile,
    OptionalLong subprofile,
    OptionalLong database,
    OptionalLong collection,
    Optional<String> message) {

  static final EventIds NONE = new EventIds(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
      OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

  static EventIds of(WebhookEvent event) {
    String type = event.getClass().getSimpleName();
    if (event instanceof SubprofileEvent) {
      SubprofileEvent subprofile = (SubprofileEvent) event;
      return new EventIds(Optional.of(type), OptionalLong.of(subprofile.profileId()),
          OptionalLong.of(subprofile.subprofileId()), event.databaseId(), event.collectionId(), Optional.empty());
    }
    if (event instanceof ProfileEvent) {
      ProfileEvent profile = (ProfileEvent) event;
      return new EventIds(Optional.of(type), OptionalLong.of(profile.profileId()), OptionalLong.empty(),
          event.databaseId(), event.collectionId(), Optional.empty());
    }
    if (event instanceof EmailEvent) {
      EmailEvent email = (EmailEvent) event;
      return new EventIds(Optional.of(type), email.profileId(), OptionalLong.empty(), event.databaseId(),
          event.collectionId(), Optional.of(email.messageId()));
    }
    return new EventIds(Optional.of(type), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), Optional.empty());
  }

  /** Whether any of the numeric ids is this one. */
  boolean hasId(long id) {
    return is(profile, id) || is(subprofile, id) || is(database, id) || is(collection, id);
  }

  private static boolean is(OptionalLong value, long id) {
    return value.isPresent() && value.getAsLong() == id;
  }
}
