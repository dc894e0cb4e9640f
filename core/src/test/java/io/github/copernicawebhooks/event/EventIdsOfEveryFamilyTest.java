package io.github.copernicawebhooks.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookParser;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventIdsOfEveryFamilyTest {

  private static final String TIME = "&timestamp=2024-01-31+23:59:00";

  private static WebhookEvent parse(String body) {
    return WebhookParser.create().parse(body + TIME);
  }

  @Test
  void givesEveryEventItsDatabaseAndCollectionWhereItsFamilyHasThem() {
    WebhookEvent profile = parse("type=update&profile=1&database=2");
    WebhookEvent subprofile = parse("type=update&profile=1&subprofile=3&database=2&collection=4");
    WebhookEvent unsubscribed = parse("type=unsubscribe&id=m1&profile=1&database=5");
    WebhookEvent clicked = parse("type=click&id=m1&profile=1&database=5&collection=6");
    WebhookEvent unknown = parse("type=survey&database=5&collection=6");

    assertThat(profile.databaseId()).isEqualTo(OptionalLong.of(2));
    assertThat(profile.collectionId()).isEmpty();
    assertThat(subprofile.databaseId()).isEqualTo(OptionalLong.of(2));
    assertThat(subprofile.collectionId()).isEqualTo(OptionalLong.of(4));
    assertThat(unsubscribed.databaseId()).isEqualTo(OptionalLong.of(5));
    assertThat(clicked.databaseId()).as("a click names no database of its own").isEmpty();
    assertThat(clicked.collectionId()).isEmpty();
    assertThat(unknown.databaseId()).isEmpty();
    assertThat(WebhookEvents.toJson(clicked)).doesNotContain("databaseId");
  }
}
