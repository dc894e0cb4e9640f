package io.github.copernicawebhooks.event;

import java.util.OptionalLong;

/** An event about a profile: created, updated or deleted. */
public sealed interface ProfileEvent extends WebhookEvent
    permits ProfileCreated, ProfileUpdated, ProfileDeleted {

  /** The id of the profile. */
  long profileId();

  /** The id of the database the profile is in, when sent. */
  OptionalLong databaseId();

  /** The profile's fields (for a delete: the fields of the deleted profile, possibly empty). */
  Variables fields();
}
