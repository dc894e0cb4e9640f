package io.github.copernicawebhooks.inbox;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small pool of real connections for tests, as an application's pool would give them: a returned
 * connection is kept for the next caller, and one that no longer answers is dropped when borrowed. Not a
 * mock: every statement goes to the real database.
 */
final class TestPool implements DataSource, AutoCloseable {

  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  TestPool(Connector connector, int maxIdle) {
    this.connector = connector;
    this.maxIdle = maxIdle;
  }

  @Override
  public Connection getConnection() throws SQLException {
    for (Connection pooled = idle.pollFirst(); pooled != null; pooled = idle.pollFirst()) {
      if (isUsable(pooled)) {
        return wrap(pooled);
      }
      quietlyClose(pooled);
    }
    return wrap(connector.connect());
  }

  private static boolean isUsable(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException broken) {
      return false;
    }
  }

  /** A view of the connection whose {@code close()} gives it back (in auto-commit) instead of closing it. */
  private Connection wrap(Connection real) {
    boolean[] returned = {false};
    return (Connection) Proxy.newProxyInstance(TestPool.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            if (!returned[0]) {
              returned[0] = true;
              giveBack(real);
            }
            return null;
          }
          if (method.getName().equals("isClosed") && method.getParameterCount() == 0 && returned[0]) {
            return true;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException failure) {
            throw failure.getCause();
          }
        });
  }

  private void giveBack(Connection real) {
    try {
      if (!closed && !real.isClosed() && idle.size() < maxIdle) {
        if (!real.getAutoCommit()) {
          real.rollback();
          real.setAutoCommit(true);
        }
        idle.addFirst(real);
        return;
      }
    } catch (SQLException broken) {
      // dropped below
    }
    quietlyClose(real);
  }

  private static void quietlyClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // already broken
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
      quietlyClose(connection);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the test pool has one user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return new PrintWriter(System.err);
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
