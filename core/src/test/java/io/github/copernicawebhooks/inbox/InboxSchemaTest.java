package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped scripts: each runs on its own database, twice (as a migration tool may), with any prefix. */
class InboxSchemaTest {

  private static final String INSERT = "INSERT INTO shop_inbox (received_at, status, event_type, method, target,"
      + " headers, body, body_sha256, dedup_key, attempts) VALUES (1, 'PENDING', 'ProfileUpdated', 'POST', '/', '',"
      + " ?, ?, ?, 0)";

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void createsBothTablesAndRunsAgainWithoutHarmAsAFlywayMigrationWould(TestDatabase.Kind kind) {
    try (TestDatabase database = TestDatabase.create(kind)) {
      String script = InboxSchema.script(database.scriptName(), "shop_");
      for (int run = 1; run <= 2; run++) {
        statements(script).forEach(database::execute);
      }

      assertThat(database.number("SELECT COUNT(*) FROM shop_inbox")).isZero();
      assertThat(database.number("SELECT COUNT(*) FROM shop_inbox_attempt")).isZero();
      for (int row = 1; row <= 2; row++) {
        database.update(INSERT, new byte[] {1}, "a".repeat(64), null);
      }
      assertThat(database.number("SELECT COUNT(*) FROM shop_inbox WHERE dedup_key IS NULL"))
          .as("several rows without a key fit under the unique index").isEqualTo(2);
      assertThatThrownBy(() -> {
        for (int row = 1; row <= 2; row++) {
          database.update(INSERT, new byte[] {1}, "b".repeat(64), "b".repeat(64));
        }
      }).as("a key is unique").isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void appliesThePrefixToEveryTableIndexAndConstraintName() {
    String script = InboxSchema.script("postgresql", "billing_");

    assertThat(script).doesNotContain(InboxSettings.DEFAULT_TABLE_PREFIX)
        .contains("CREATE TABLE IF NOT EXISTS billing_inbox (")
        .contains("CREATE TABLE IF NOT EXISTS billing_inbox_attempt (")
        .contains("REFERENCES billing_inbox (id) ON DELETE CASCADE")
        .contains("CONSTRAINT billing_inbox_dedup UNIQUE (dedup_key)");
    assertThat(InboxSchema.script("PostgreSQL", InboxSettings.DEFAULT_TABLE_PREFIX))
        .contains("CREATE TABLE IF NOT EXISTS copernica_webhooks_inbox (");
  }

  @Test
  void servesMariaDbTheMySqlScriptAndRefusesUnknownDatabasesAndPrefixes() {
    assertThat(InboxSchema.script("mariadb", "x_")).isEqualTo(InboxSchema.script("mysql", "x_"));
    assertThat(InboxSchema.resource("MariaDB")).isEqualTo("io/github/copernicawebhooks/inbox/schema-mysql.sql");
    assertThatThrownBy(() -> InboxSchema.script("oracle", "x_")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oracle").hasMessageContaining("postgresql");
    assertThatThrownBy(() -> InboxSchema.script("h2", "x; DROP TABLE y; --"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits and underscores");
  }

  @Test
  void everyScriptDefinesTheSameColumns() {
    List<String> postgres = columns(InboxSchema.script("postgresql", "p_"));
    assertThat(columns(InboxSchema.script("h2", "p_"))).isEqualTo(postgres);
    assertThat(columns(InboxSchema.script("mysql", "p_"))).isEqualTo(postgres);
    assertThat(postgres).contains("dedup_key", "nonce_key", "lease_owner", "lease_expires_at", "attempt_number");
  }

  private static List<String> columns(String script) {
    List<String> columns = new ArrayList<>();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (line.startsWith("  ") && !trimmed.startsWith("CONSTRAINT") && !trimmed.startsWith("INDEX")
          && !trimmed.startsWith("REFERENCES") && !trimmed.startsWith(")")) {
        columns.add(trimmed.substring(0, trimmed.indexOf(' ')));
      }
    }
    return columns;
  }

  /** What a migration tool does with the script: one statement per semicolon at a line end. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }
}
