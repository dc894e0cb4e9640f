package io.github.copernicawebhooks.servlet;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.JndiConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A web application deployed with a container DataSource in JNDI, the way each container's own
 * configuration declares one: on Jetty a {@code Resource} bound in the web application's scope (what
 * {@code jetty-env.xml} does) with the Plus configuration, on Tomcat a {@code <Resource>} of the context
 * (what {@code context.xml} does) created by Tomcat's JDBC pool, with naming enabled.
 */
final class JndiContainers {

  /** The name the test web applications' {@code resource-ref} declares. */
  static final String RESOURCE_NAME = "jdbc/webhooks";

  private static final List<String> NAMING_PROPERTIES =
      List.of(javax.naming.Context.INITIAL_CONTEXT_FACTORY, javax.naming.Context.URL_PKG_PREFIXES);
  private static final Map<String, Optional<String>> SAVED_NAMING = new ConcurrentHashMap<>();

  private JndiContainers() {}

  /** Jetty 12 (ee10) with the driver's DataSource bound as {@link #RESOURCE_NAME}. */
  static Server jetty(Path webapp, DataSource dataSource) throws Exception {
    Server server = jetty(webapp);
    new Resource(server.getHandler(), RESOURCE_NAME, dataSource);
    return server;
  }

  /** Jetty 12 (ee10) with the Plus configuration, which binds what the web application's jetty-env.xml declares. */
  static Server jetty(Path webapp) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext context = new WebAppContext();
    context.setContextPath("/");
    context.setWar(webapp.toString());
    context.setParentLoaderPriority(true);
    context.setThrowUnavailableOnStartupException(true);
    context.addConfiguration(new JndiConfiguration(), new EnvConfiguration(), new PlusConfiguration());
    server.setHandler(context);
    return server;
  }

  static URI base(Server jetty) {
    return URI.create("http://localhost:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/");
  }

  /**
   * Tomcat 11 with a pooled DataSource for the database declared as {@link #RESOURCE_NAME}. Naming is
   * enabled JVM-wide by system properties: {@link #stop} restores them, so Jetty finds its own JNDI after.
   */
  static Tomcat tomcat(Path webapp, Path baseDirectory, TestDatabase database) throws Exception {
    Tomcat tomcat = tomcat(webapp, baseDirectory);
    ((StandardContext) tomcat.getHost().findChild("")).getNamingResources().addResource(pooledDataSource(database));
    return tomcat;
  }

  /** Tomcat 11 with naming enabled, reading the resources the web application's META-INF/context.xml declares. */
  static Tomcat tomcat(Path webapp, Path baseDirectory) throws Exception {
    NAMING_PROPERTIES.forEach(name -> SAVED_NAMING.put(name, Optional.ofNullable(System.getProperty(name))));
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createDirectories(baseDirectory).toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    tomcat.enableNaming();
    StandardContext context = new StandardContext();
    context.setName("");
    context.setPath("");
    context.setDocBase(webapp.toString());
    context.setParentClassLoader(JndiContainers.class.getClassLoader());
    StandardJarScanner jarScanner = new StandardJarScanner();
    jarScanner.setScanClassPath(false);
    context.setJarScanner(jarScanner);
    ContextConfig webXml = new ContextConfig();
    webXml.setDefaultWebXml(Constants.NoDefaultWebXml);
    context.addLifecycleListener(webXml);
    Path contextXml = webapp.resolve("META-INF/context.xml");
    if (Files.exists(contextXml)) {
      context.setConfigFile(contextXml.toUri().toURL());
    }
    Tomcat.addServlet(context, "default", new DefaultServlet());
    context.addServletMappingDecoded("/", "default");
    tomcat.getHost().addChild(context);
    return tomcat;
  }

  static void stop(Tomcat tomcat) throws Exception {
    try {
      tomcat.stop();
      tomcat.destroy();
    } finally {
      SAVED_NAMING.forEach((name, value) -> {
        if (value.isPresent()) {
          System.setProperty(name, value.get());
        } else {
          System.clearProperty(name);
        }
      });
    }
  }

  static URI base(Tomcat tomcat) {
    return URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/");
  }

  /** As {@code <Resource name="jdbc/webhooks" type="javax.sql.DataSource" factory="...DataSourceFactory" .../>}. */
  private static ContextResource pooledDataSource(TestDatabase database) {
    ContextResource resource = new ContextResource();
    resource.setName(RESOURCE_NAME);
    resource.setType(DataSource.class.getName());
    resource.setAuth("Container");
    resource.setProperty("factory", org.apache.tomcat.jdbc.pool.DataSourceFactory.class.getName());
    resource.setProperty("driverClassName", database.driverClassName());
    resource.setProperty("url", database.url());
    resource.setProperty("username", database.user());
    resource.setProperty("password", database.password());
    resource.setProperty("maxActive", "8");
    resource.setProperty("initialSize", "1");
    resource.setProperty("minIdle", "1");
    resource.setProperty("closeMethod", "close");
    return resource;
  }
}
