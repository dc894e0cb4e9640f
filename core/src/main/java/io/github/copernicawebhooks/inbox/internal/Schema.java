package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.inbox.InboxSchema;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates the tables when asked to, and makes sure they are there before the receiver takes calls. */
final class Schema {

  private Schema() {}

  /**
   * Creates the tables (with {@link SchemaInitialization#ALWAYS}) and checks that both can be read.
   *
   * @throws IllegalStateException naming the missing table and the script that creates it
   */
  static void prepare(Connection connection, InboxSettings settings, Dialect dialect, Sql sql) throws SQLException {
    if (settings.schemaInitialization() == SchemaInitialization.ALWAYS) {
      create(connection, settings, dialect);
    }
    requireTable(connection, sql.probe, settings.inboxTable(), settings, dialect);
    requireTable(connection, sql.attemptProbe(), settings.attemptTable(), settings, dialect);
  }

  private static void create(Connection connection, InboxSettings settings, Dialect dialect) throws SQLException {
    String script = InboxSchema.script(dialect.script(), settings.tablePrefix());
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(script)) {
        try {
          statement.execute(sql);
        } catch (SQLException failure) {
          if (!isAlreadyThere(connection, settings)) {
            throw failure;
          } // another instance created it at the same moment
        }
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    InboxLog.schemaCreated(settings.inboxTable(), InboxSchema.resource(dialect.script()));
  }

  private static boolean isAlreadyThere(Connection connection, InboxSettings settings) {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT id FROM " + settings.attemptTable() + " WHERE id = -1").close();
      return true;
    } catch (SQLException absent) {
      return false;
    }
  }

  /** The statements of a script: split at semicolons that end a line, without the comment lines. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static void requireTable(Connection connection, String probe, String table, InboxSettings settings,
      Dialect dialect) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true); // a failed probe must not abort a surrounding transaction
    try (PreparedStatement statement = connection.prepareStatement(probe)) {
      statement.executeQuery().close();
    } catch (SQLException missing) {
      if (!isMissingTable(missing)) {
        throw missing;
      }
      throw new IllegalStateException("the webhook inbox table " + table + " does not exist or lacks a column ("
          + missing.getMessage()
          + "): create it with the script " + InboxSchema.resource(dialect.script()) + " in copernica-webhooks-core"
          + " (InboxSchema.script(\"" + dialect.script() + "\", \"" + settings.tablePrefix() + "\"), for Flyway or"
          + " Liquibase), or let the receiver create it with schemaInitialization(SchemaInitialization.ALWAYS)",
          missing);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Whether a failure of the schema check means the database is away (a connection failure, a time-out, a
   * server shutting down or starting), not that the schema or the configuration is wrong. SQL state class
   * 08 (connection exception) and 57 (operator intervention: a cancelled statement, a server not up),
   * transient and recoverable failures, and failures without a state (I/O below the driver) are outages.
   */
  static boolean isOutage(SQLException failure) {
    if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
        || failure instanceof SQLNonTransientConnectionException) {
      return true;
    }
    String state = failure.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57");
  }

  /** Class 42, syntax error or access rule violation: 42P01 (PostgreSQL), 42S02 (MySQL, MariaDB), 42102 (H2). */
  private static boolean isMissingTable(SQLException failure) {
    String state = failure.getSQLState();
    return state != null && state.startsWith("42");
  }
}
