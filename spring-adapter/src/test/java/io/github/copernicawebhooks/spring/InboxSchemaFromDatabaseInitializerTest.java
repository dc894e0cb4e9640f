package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxSchema;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With {@code initialize-schema=never} the tables come from the application's own database initializer
 * (here Spring Boot's {@code spring.sql.init} running the script from the core jar, as Flyway or Liquibase
 * would): the inbox waits for it, so the start-up finds the tables instead of failing.
 */
@SpringBootTest(classes = InboxSchemaFromDatabaseInitializerTest.App.class, properties = {
    "copernica.webhooks.signature.mode=off",
    "copernica.webhooks.inbox.enabled=true",
    "copernica.webhooks.inbox.initialize-schema=never",
    "copernica.webhooks.inbox.workers=0",
    "spring.sql.init.mode=always",
    "spring.sql.init.schema-locations=classpath:io/github/copernicawebhooks/inbox/schema-h2.sql"})
class InboxSchemaFromDatabaseInitializerTest {

  @Autowired
  private InboxSettings settings;

  @Autowired
  private InboxOperations inbox;

  @Test
  void startsOnTablesThatTheApplicationsInitializerCreated() {
    assertThat(settings.schemaInitialization()).isEqualTo(SchemaInitialization.NEVER);
    assertThat(InboxSchema.resource("h2")).isEqualTo("io/github/copernicawebhooks/inbox/schema-h2.sql");
    assertThat(inbox.countByStatus(Optional.empty()).getOrDefault(InboxStatus.PENDING, 0L)).isZero();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
