package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.WebhookEvent;

/** Form bodies as Copernica sends them, one per event type, and their parsed events. */
final class TestEvents {

  static final String PROFILE_CREATED = "type=create&profile=4711&database=12&timestamp=2026-11-28+10%3A15%3A00"
      + "&fields%5Bemail%5D=jan%40example.nl&interests%5B%5D=sport";
  static final String PROFILE_UPDATED = "type=update&profile=4711&database=12&timestamp=2026-11-28+10%3A15%3A00"
      + "&parameters%5Bemail%5D=jan%40example.nl&fields%5Bemail%5D=jan%40example.nl";
  static final String PROFILE_DELETED = "type=delete&profile=4711&database=13&timestamp=2026-11-28+10%3A15%3A00";
  static final String SUBPROFILE_CREATED = "type=create&subprofile=88&profile=4711&database=12&collection=7"
      + "&timestamp=2026-11-28+10%3A15%3A00&fields%5Bcity%5D=Utrecht";
  static final String SUBPROFILE_UPDATED = "type=update&subprofile=88&profile=4711&database=12&collection=8"
      + "&timestamp=2026-11-28+10%3A15%3A00&parameters%5Bcity%5D=Delft&fields%5Bcity%5D=Delft";
  static final String SUBPROFILE_DELETED = "type=delete&subprofile=88&profile=4711&database=12&collection=7"
      + "&timestamp=2026-11-28+10%3A15%3A00";
  static final String UNKNOWN = "type=somethingnew&timestamp=2026-11-28+10%3A15%3A00&extra=1";

  private TestEvents() {}

  static WebhookEvent parse(String body) {
    return WebhookParser.create().parse(body);
  }

  /** A profile update in the given database, for filter tests. */
  static String profileUpdatedIn(long database, long profile) {
    return "type=update&profile=" + profile + "&database=" + database + "&timestamp=2026-11-28+10%3A15%3A00";
  }
}
