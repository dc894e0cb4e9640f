package io.github.copernicawebhooks.servlet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty, real database for one test: H2 in memory, or a new database on one embedded PostgreSQL
 * server started once for the whole run (it stops with the JVM).
 */
record TestDatabase(Kind kind, String url, String user, String password) {

  enum Kind { H2, POSTGRESQL }

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  static TestDatabase fresh(Kind kind) {
    String name = "inbox_" + NEXT.incrementAndGet() + "_" + ProcessHandle.current().pid();
    if (kind == Kind.H2) {
      return new TestDatabase(kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
    EmbeddedPostgres server = postgres();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException failure) {
      throw new IllegalStateException("cannot create database " + name, failure);
    }
    return new TestDatabase(kind, server.getJdbcUrl("postgres", name), "postgres", "postgres");
  }

  /** The JDBC driver's own, unpooled DataSource. */
  DataSource dataSource() {
    if (kind == Kind.H2) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user);
      h2.setPassword(password);
      return h2;
    }
    PGSimpleDataSource postgresql = new PGSimpleDataSource();
    postgresql.setURL(url);
    postgresql.setUser(user);
    postgresql.setPassword(password);
    return postgresql;
  }

  String driverClassName() {
    return kind == Kind.H2 ? org.h2.Driver.class.getName() : org.postgresql.Driver.class.getName();
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException failure) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", failure);
      }
    }
    return postgres;
  }
}
