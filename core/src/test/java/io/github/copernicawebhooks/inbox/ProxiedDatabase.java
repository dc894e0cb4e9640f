package io.github.copernicawebhooks.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.tools.Server;

/**
 * A fresh database reached two ways: through a {@link TcpProxy} that a test cuts to take the database
 * away from one instance, and directly, for the other instances and the assertions. H2 runs as a TCP
 * server here, so that it too is reached over a network connection that can break.
 */
final class ProxiedDatabase implements AutoCloseable {

  private static final AtomicInteger H2_DATABASES = new AtomicInteger();

  private final TcpProxy proxy;
  private final TestPool proxied;
  private final TestPool direct;
  private final TestDatabase.Kind kind;
  private final Server h2;

  private ProxiedDatabase(TestDatabase.Kind kind, int port, String proxiedUrl, String directUrl, Server h2)
      throws IOException {
    this.kind = kind;
    this.h2 = h2;
    this.proxy = new TcpProxy(port);
    this.proxied = new TestPool(() -> DriverManager.getConnection(proxiedUrl.replace("{port}",
        Integer.toString(proxy.port()))), 8);
    this.direct = new TestPool(() -> DriverManager.getConnection(directUrl), 8);
  }

  static ProxiedDatabase create(TestDatabase.Kind kind) {
    try {
      if (kind == TestDatabase.Kind.POSTGRESQL) {
        String database = Postgres.createDatabase();
        return new ProxiedDatabase(kind, Postgres.port(), Postgres.url(0, database).replace(":0/", ":{port}/")
            + "&socketTimeout=10", Postgres.url(Postgres.port(), database), null);
      }
      if (kind == TestDatabase.Kind.H2) {
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(MariaDb.freePort()), "-ifNotExists",
            "-tcpDaemon").start();
        String path = "/mem:fault_" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        return new ProxiedDatabase(kind, server.getPort(), "jdbc:h2:tcp://127.0.0.1:{port}" + path,
            "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + path, server);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("H2 TCP server did not start", e);
    }
    throw new IllegalArgumentException("no proxied " + kind);
  }

  TestDatabase.Kind kind() {
    return kind;
  }

  /** Through the proxy: unreachable while it is cut. */
  DataSource proxied() {
    return proxied;
  }

  DataSource direct() {
    return direct;
  }

  TcpProxy proxy() {
    return proxy;
  }

  @Override
  public void close() {
    proxy.close();
    proxied.close();
    direct.close();
    if (h2 != null) {
      h2.stop();
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
