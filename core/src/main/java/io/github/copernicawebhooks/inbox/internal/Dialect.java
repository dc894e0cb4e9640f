package io.github.copernicawebhooks.inbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** What differs between the databases: the schema script, how rows are claimed and how deletes are bounded. */
enum Dialect {
  /** PostgreSQL: {@code FOR UPDATE SKIP LOCKED}. */
  POSTGRESQL("postgresql", true),
  /** MySQL 8 and MariaDB 10.6: {@code FOR UPDATE SKIP LOCKED}. */
  MYSQL("mysql", true),
  /** H2 2.x: a conditional update per candidate row, counted (see {@link Claimer}). */
  H2("h2", false);

  private final String script;
  private final boolean skipLocked;

  Dialect(String script, boolean skipLocked) {
    this.script = script;
    this.skipLocked = skipLocked;
  }

  /** The database of a connection, from its product name. */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("mysql") || name.contains("mariadb")) {
      return MYSQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException("the inbox supports PostgreSQL, MySQL, MariaDB and H2, not " + product);
  }

  /** The name of the schema script, as {@link io.github.copernicawebhooks.inbox.InboxSchema} knows it. */
  String script() {
    return script;
  }

  /** Whether claims lock candidate rows with {@code FOR UPDATE SKIP LOCKED}. */
  boolean skipsLocked() {
    return skipLocked;
  }

  /**
   * Whether the driver reports the update count of every statement in a batch. MySQL drivers may rewrite a
   * batch into one statement and report "success, count unknown", which would hide a claim taken over.
   */
  boolean countsBatches() {
    return this != MYSQL;
  }

  /** Whether a failed statement is a unique-key conflict (SQL state class 23: integrity constraint violation). */
  static boolean isConflict(SQLException failure) {
    for (SQLException next = failure; next != null; next = next.getNextException()) {
      String state = next.getSQLState();
      if (state != null && state.startsWith("23")) {
        return true;
      }
      if (next.getErrorCode() == 1062) { // MySQL and MariaDB: duplicate entry
        return true;
      }
    }
    return false;
  }

  /** An {@code UPDATE} of at most {@code limit} rows that match {@code where}, oldest ids first. */
  String boundedUpdate(String table, String set, String where, int limit) {
    if (this == MYSQL) {
      return "UPDATE " + table + " SET " + set + " WHERE " + where + " ORDER BY id LIMIT " + limit;
    }
    return "UPDATE " + table + " SET " + set + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where
        + " ORDER BY id LIMIT " + limit + ")";
  }

  /** A {@code DELETE} of at most {@code limit} rows that match {@code where}, oldest ids first. */
  String boundedDelete(String table, String where, int limit) {
    if (this == MYSQL) {
      return "DELETE FROM " + table + " WHERE " + where + " ORDER BY id LIMIT " + limit;
    }
    return "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where
        + " ORDER BY id LIMIT " + limit + ")";
  }
}
