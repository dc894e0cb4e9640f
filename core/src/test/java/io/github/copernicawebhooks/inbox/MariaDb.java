package io.github.copernicawebhooks.inbox;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MariaDB (the machine's {@code mysqld}, Debian's {@code mariadb-server}) per test JVM: a fresh data
 * directory from {@code mariadb-install-db}, a free loopback port, no grant tables; each test gets a
 * database of its own. Without {@code mysqld} the calling test is skipped with a message, except on CI
 * (variable {@code CI} set), which must run it, so there it fails.
 */
final class MariaDb {

  private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd",
      "/usr/bin/mysqld", "/usr/local/bin/mariadbd", "/usr/local/bin/mysqld");
  private static final List<String> INSTALLERS = List.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db",
      "/usr/local/bin/mariadb-install-db", "/usr/local/bin/mysql_install_db");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static int port;
  private static Process process;

  private MariaDb() {}

  static synchronized int port() {
    if (process == null) {
      start();
    }
    return port;
  }

  /** Creates an empty database and returns its name. */
  static String createDatabase() {
    String name = "inbox_" + DATABASES.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url(port(), ""));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }

  static String url(int port, String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root&connectTimeout=5000";
  }

  private static void start() {
    Optional<String> server = find(SERVERS);
    Optional<String> installer = find(INSTALLERS);
    if (server.isEmpty() || installer.isEmpty()) {
      String message = "MariaDB is not installed (Debian: apt-get install mariadb-server); the inbox's MySQL/MariaDB"
          + " script and claims are tested against a real one";
      if (Ci.isCi()) {
        fail(message + ", and CI requires it");
      }
      Assumptions.abort(message + ": skipped");
    }
    try {
      Path data = Files.createTempDirectory("inbox-mariadb");
      boolean root = "root".equals(System.getProperty("user.name"));
      List<String> install = new ArrayList<>(List.of(installer.get(), "--no-defaults", "--datadir=" + data,
          "--auth-root-authentication-method=normal", "--skip-test-db"));
      if (root) {
        install.add("--user=root");
      }
      run(install, data.resolve("install.log"));
      port = freePort();
      List<String> command = new ArrayList<>(List.of(server.get(), "--no-defaults", "--datadir=" + data,
          "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + data.resolve("mysqld.sock"),
          "--pid-file=" + data.resolve("mysqld.pid"), "--skip-grant-tables", "--skip-log-bin",
          "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=32M", "--max-connections=200",
          "--log-error=" + data.resolve("error.log")));
      if (root) {
        command.add("--user=root");
      }
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(data.resolve("mysqld.out").toFile()).start();
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.destroyForcibly();
        delete(data);
      }, "stop mariadb " + port));
      awaitConnectable(data);
    } catch (IOException e) {
      throw new IllegalStateException("MariaDB did not start", e);
    }
  }

  private static void awaitConnectable(Path data) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        break;
      }
      try (Connection connection = DriverManager.getConnection(url(port, ""))) {
        return;
      } catch (SQLException notYet) {
        last = notYet;
      }
      try {
        Thread.sleep(100); // polling a server that is starting: there is no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String log = Files.exists(data.resolve("error.log"))
        ? Files.readString(data.resolve("error.log"), StandardCharsets.UTF_8) : "(no log)";
    throw new IllegalStateException("MariaDB did not accept connections on port " + port + ": " + last + "\n" + log);
  }

  private static void run(List<String> command, Path log) throws IOException {
    Process install = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
        install.destroyForcibly();
        throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing MariaDB", e);
    }
  }

  private static Optional<String> find(List<String> candidates) {
    return candidates.stream().filter(path -> new File(path).canExecute()).findFirst();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the system cleans it eventually
    }
  }
}
