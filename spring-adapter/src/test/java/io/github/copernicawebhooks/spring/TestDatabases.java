package io.github.copernicawebhooks.spring;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, empty, real databases for the inbox tests: H2 in memory, or a new database on one embedded
 * PostgreSQL server started once for the whole run (it stops with the JVM).
 */
final class TestDatabases {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static String h2Url() {
    return "jdbc:h2:mem:" + freshName() + ";DB_CLOSE_DELAY=-1";
  }

  static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(h2Url());
    h2.setUser("sa");
    return h2;
  }

  /** The JDBC URL of a new database on the embedded PostgreSQL server (user {@code postgres}, no password). */
  static String postgresUrl() {
    String name = freshName();
    EmbeddedPostgres server = postgres();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException failure) {
      throw new IllegalStateException("cannot create database " + name, failure);
    }
    return server.getJdbcUrl("postgres", name);
  }

  static DataSource postgresql() {
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setURL(postgresUrl());
    return dataSource;
  }

  private static String freshName() {
    return "inbox_" + NEXT.incrementAndGet() + "_" + ProcessHandle.current().pid();
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
