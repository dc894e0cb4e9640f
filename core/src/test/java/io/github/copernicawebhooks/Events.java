package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;

/** Events for the pipeline tests, parsed from form bodies as Copernica sends them. */
final class Events {

  static final String TIMESTAMP = "&timestamp=2026-11-28+08%3A00%3A00";

  private Events() {}

  static String profileUpdateBody(long profileId) {
    return "type=update&profile=" + profileId + "&database=1" + TIMESTAMP + "&fields%5Bemail%5D=a%40example.com";
  }

  static WebhookEvent profileUpdate(long profileId) {
    return WebhookParser.create().parse(profileUpdateBody(profileId));
  }

  static WebhookEvent profileCreate(long profileId) {
    return WebhookParser.create().parse("type=create&profile=" + profileId + "&database=1" + TIMESTAMP);
  }

  static WebhookEvent subprofileUpdate(long subprofileId) {
    return WebhookParser.create().parse(
        "type=update&subprofile=" + subprofileId + "&profile=3&database=1&collection=2" + TIMESTAMP);
  }

  static WebhookEvent subprofileDelete(long subprofileId) {
    return WebhookParser.create().parse(
        "type=delete&subprofile=" + subprofileId + "&profile=3&collection=2" + TIMESTAMP);
  }

  static WebhookEvent unknown(String type) {
    return WebhookParser.create().parse("type=" + type + TIMESTAMP);
  }
}
