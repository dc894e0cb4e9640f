package io.github.copernicawebhooks.inbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A fresh, empty database of one kind for one test, with a small pool over real connections. */
final class TestDatabase implements AutoCloseable {

  /** The databases every inbox test runs on. */
  enum Kind { POSTGRESQL, H2, MARIADB }

  private static final AtomicInteger H2_DATABASES = new AtomicInteger();

  private final Kind kind;
  private final String url;
  private final TestPool pool;

  private TestDatabase(Kind kind, String url) {
    this.kind = kind;
    this.url = url;
    this.pool = new TestPool(() -> DriverManager.getConnection(url), 16);
  }

  static TestDatabase create(Kind kind) {
    switch (kind) {
      case POSTGRESQL:
        return new TestDatabase(kind, Postgres.url(Postgres.port(), Postgres.createDatabase()));
      case MARIADB:
        return new TestDatabase(kind, MariaDb.url(MariaDb.port(), MariaDb.createDatabase()));
      default:
        return new TestDatabase(kind, "jdbc:h2:mem:inbox_" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    }
  }

  Kind kind() {
    return kind;
  }

  /** The database's name for {@link InboxSchema#script}. */
  String scriptName() {
    return kind == Kind.MARIADB ? "mariadb" : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  String url() {
    return url;
  }

  DataSource dataSource() {
    return pool;
  }

  /** Runs one statement in its own transaction. */
  void execute(String sql) {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs one statement with parameters in its own transaction. */
  void update(String sql, Object... parameters) {
    try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The single number a query returns. */
  long number(String sql, Object... parameters) {
    try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The single text a query returns, or null. */
  String text(String sql, Object... parameters) {
    try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    pool.close();
    if (kind == Kind.H2) {
      try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      } catch (SQLException ignored) {
        // already gone
      }
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
