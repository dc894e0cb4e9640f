package io.github.copernicawebhooks.event;

import java.util.OptionalLong;

/** An event about a subprofile: created, updated or deleted. */
public sealed interface SubprofileEvent extends WebhookEvent
    permits SubprofileCreated, SubprofileUpdated, SubprofileDeleted {

  /** The id of the subprofile. */
  long subprofileId();

  /** The id of the profile that owns the subprofile. */
  long profileId();

  /** The id of the database, when sent. */
  OptionalLong databaseId();

  /** The id of the collection the subprofile is in, when sent. */
  OptionalLong collectionId();

  /** The subprofile's fields (possibly empty). */
  Variables fields();
}
