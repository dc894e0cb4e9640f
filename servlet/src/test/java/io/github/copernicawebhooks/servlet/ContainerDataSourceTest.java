package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.servlet.TestDatabase.Kind;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container DataSource that {@code inbox-datasource} names is found in each container's JNDI, under its
 * full name and relative to {@code java:comp/env}, from the web application, and it reaches its database.
 */
class ContainerDataSourceTest {

  private static final List<String> FOUND = new CopyOnWriteArrayList<>();

  @TempDir Path temporary;

  @BeforeEach
  void forget() {
    FOUND.clear();
  }

  @Test
  void findsTheDataSourceOfAResourceBoundOnJetty() throws Exception {
    TestDatabase database = TestDatabase.fresh(Kind.H2);
    Server jetty = JndiContainers.jetty(Webapps.copy("jndi-probe", temporary, Map.of()), database.dataSource());
    try {
      jetty.start();
    } finally {
      jetty.stop();
    }
    assertThat(FOUND).containsExactly("jdbc/webhooks: H2", "java:comp/env/jdbc/webhooks: H2",
        "jdbc/missing: NameNotFoundException");
  }

  @Test
  void findsThePooledDataSourceOfAContextResourceOnTomcat() throws Exception {
    TestDatabase database = TestDatabase.fresh(Kind.POSTGRESQL);
    Tomcat tomcat = JndiContainers.tomcat(Webapps.copy("jndi-probe", temporary, Map.of()), temporary.resolve("tomcat"),
        database);
    try {
      tomcat.start();
    } finally {
      JndiContainers.stop(tomcat);
    }
    assertThat(FOUND).containsExactly("jdbc/webhooks: PostgreSQL", "java:comp/env/jdbc/webhooks: PostgreSQL",
        "jdbc/missing: NameNotFoundException");
  }

  @Test
  void findsTheDataSourceThatJettyEnvXmlDeclares() throws Exception {
    Server jetty = JndiContainers.jetty(Webapps.copy("jndi-declared", temporary, Map.of()));
    try {
      jetty.start();
    } finally {
      jetty.stop();
    }
    assertThat(FOUND).containsExactly("jdbc/webhooks: H2", "java:comp/env/jdbc/webhooks: H2",
        "jdbc/missing: NameNotFoundException");
  }

  @Test
  void findsTheDataSourceThatContextXmlDeclaresOnTomcat() throws Exception {
    Tomcat tomcat = JndiContainers.tomcat(Webapps.copy("jndi-declared", temporary, Map.of()), temporary.resolve("tomcat"));
    try {
      tomcat.start();
    } finally {
      JndiContainers.stop(tomcat);
    }
    assertThat(FOUND).containsExactly("jdbc/webhooks: H2", "java:comp/env/jdbc/webhooks: H2",
        "jdbc/missing: NameNotFoundException");
  }

  /** Looks the names up while the web application starts, as the filter's init does. */
  public static final class Probe implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent started) {
      for (String name : List.of("jdbc/webhooks", "java:comp/env/jdbc/webhooks", "jdbc/missing")) {
        FOUND.add(name + ": " + probe(name));
      }
    }

    private static String probe(String name) {
      try {
        DataSource dataSource = ContainerDataSource.lookUp(name);
        try (Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement();
            ResultSet one = statement.executeQuery("SELECT 1")) {
          one.next();
          return connection.getMetaData().getDatabaseProductName() + (one.getInt(1) == 1 ? "" : " wrong answer");
        }
      } catch (NamingException | SQLException | RuntimeException failure) {
        return failure.getClass().getSimpleName();
      }
    }
  }
}
