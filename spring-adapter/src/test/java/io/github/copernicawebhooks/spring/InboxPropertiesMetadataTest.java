package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.inbox.InboxSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata that IDEs show for {@code copernica.webhooks.inbox.*}, as the build generates
 * it: every property is described and its default is the constant of {@link InboxSettings} (a duration's
 * default, which no annotation can hold, is written in the additional metadata: this test keeps it equal).
 */
class InboxPropertiesMetadataTest {

  private static final String PREFIX = "copernica.webhooks.inbox.";

  @Test
  void describesEveryInboxPropertyWithTheDefaultOfCore() throws IOException {
    Map<String, JsonNode> properties = inboxProperties();

    assertThat(properties).containsOnlyKeys(PREFIX + "enabled", PREFIX + "initialize-schema", PREFIX + "table-prefix",
        PREFIX + "workers", PREFIX + "max-attempts", PREFIX + "retry.initial-delay", PREFIX + "retry.max-delay",
        PREFIX + "retention", PREFIX + "dead-body-retention", PREFIX + "database-time-budget",
        PREFIX + "spool.enabled", PREFIX + "spool.directory", PREFIX + "spool.quota");
    properties.forEach((name, property) -> assertThat(property.path("description").asString())
        .as("description of %s", name).isNotBlank());
    assertThat(properties.get(PREFIX + "enabled").path("defaultValue").asBoolean(true)).isFalse();
    assertThat(text(properties, "initialize-schema")).isEqualTo("embedded");
    assertThat(text(properties, "table-prefix")).isEqualTo(InboxSettings.DEFAULT_TABLE_PREFIX);
    assertThat(properties.get(PREFIX + "workers").path("defaultValue").asInt(-1)).isEqualTo(InboxSettings.DEFAULT_WORKERS);
    assertThat(properties.get(PREFIX + "max-attempts").path("defaultValue").asInt(-1))
        .isEqualTo(InboxSettings.DEFAULT_MAX_ATTEMPTS);
    assertThat(DurationStyle.detectAndParse(text(properties, "retry.initial-delay")))
        .isEqualTo(InboxSettings.DEFAULT_RETRY_INITIAL_DELAY);
    assertThat(DurationStyle.detectAndParse(text(properties, "retry.max-delay")))
        .isEqualTo(InboxSettings.DEFAULT_RETRY_MAX_DELAY);
    assertThat(DurationStyle.detectAndParse(text(properties, "retention"))).isEqualTo(InboxSettings.DEFAULT_RETENTION);
    assertThat(DurationStyle.detectAndParse(text(properties, "dead-body-retention")))
        .isEqualTo(InboxSettings.DEFAULT_DEAD_BODY_RETENTION);
    assertThat(DurationStyle.detectAndParse(text(properties, "database-time-budget")))
        .isEqualTo(InboxSettings.DEFAULT_DATABASE_TIME_BUDGET);
    assertThat(properties.get(PREFIX + "spool.enabled").path("defaultValue").asBoolean(false))
        .isEqualTo(InboxSettings.DEFAULT_SPOOL);
    assertThat(DataSize.parse(text(properties, "spool.quota")).toBytes())
        .isEqualTo(InboxSettings.DEFAULT_SPOOL_QUOTA_BYTES);
  }

  @Test
  void describesTheHealthPropertiesWithTheirDefaults() throws IOException {
    String health = "copernica.webhooks.health.inbox.";
    Map<String, JsonNode> properties = properties(health);
    CopernicaWebhooksHealthProperties.Inbox bound = new org.springframework.boot.context.properties.bind.Binder()
        .bindOrCreate("copernica.webhooks.health", CopernicaWebhooksHealthProperties.class).inbox();

    assertThat(properties).containsOnlyKeys(health + "max-backlog", health + "max-dead", health + "count-interval");
    properties.forEach((name, property) -> assertThat(property.path("description").asString())
        .as("description of %s", name).isNotBlank());
    assertThat(DurationStyle.detectAndParse(properties.get(health + "count-interval").path("defaultValue").asString()))
        .isEqualTo(bound.countInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(properties.get(health + "max-dead").path("defaultValue").asLong(-1)).isEqualTo(bound.maxDead());
    assertThat(properties.get(health + "max-backlog").path("defaultValue").asLong(-1)).isEqualTo(bound.maxBacklog());
  }

  private static String text(Map<String, JsonNode> properties, String name) {
    return properties.get(PREFIX + name).path("defaultValue").asString();
  }

  /** The inbox properties of this module's generated metadata, among the metadata files on the class path. */
  private static Map<String, JsonNode> inboxProperties() throws IOException {
    return properties(PREFIX);
  }

  private static Map<String, JsonNode> properties(String prefix) throws IOException {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (URL file : Collections.list(InboxPropertiesMetadataTest.class.getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = file.openStream()) {
        for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
          String name = property.path("name").asString();
          if (name.startsWith(prefix)) {
            found.put(name, property);
          }
        }
      }
    }
    return found;
  }
}
