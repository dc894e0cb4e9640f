package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.testkit.WebhookBodies;

/** Bodies as Copernica sends them, one per event type, made with the test kit's builders. */
final class TestEvents {

  static final String PROFILE_CREATED = WebhookBodies.profileCreated()
      .profile(4711).database(12).field("email", "jan@example.nl").interest("sport").encode();
  static final String PROFILE_UPDATED = WebhookBodies.profileUpdated()
      .profile(4711).database(12).parameter("email", "jan@example.nl").field("email", "jan@example.nl").encode();
  static final String PROFILE_DELETED = WebhookBodies.profileDeleted().profile(4711).database(13).encode();
  static final String SUBPROFILE_CREATED = WebhookBodies.subprofileCreated()
      .subprofile(88).profile(4711).database(12).collection(7).field("city", "Utrecht").encode();
  static final String SUBPROFILE_UPDATED = WebhookBodies.subprofileUpdated()
      .subprofile(88).profile(4711).database(12).collection(8).parameter("city", "Delft").field("city", "Delft").encode();
  static final String SUBPROFILE_DELETED = WebhookBodies.subprofileDeleted()
      .subprofile(88).profile(4711).database(12).collection(7).encode();
  static final String UNKNOWN = WebhookBodies.ofType("somethingnew").variable("extra", "1").encode();

  private TestEvents() {}

  static WebhookEvent parse(String body) {
    return WebhookParser.create().parse(body);
  }

  /** A profile update in the given database, for filter and failure tests. */
  static String profileUpdatedIn(long database, long profile) {
    return WebhookBodies.profileUpdated().profile(profile).database(database).encode();
  }
}
