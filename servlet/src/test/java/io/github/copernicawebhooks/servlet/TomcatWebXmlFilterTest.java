package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * The contract on embedded Tomcat 11, deploying the same WEB-INF/web.xml through Tomcat's own web.xml
 * processing. Like a standalone Tomcat, the context gets a default servlet: Tomcat runs filters only for
 * requests that some servlet is mapped to.
 */
class TomcatWebXmlFilterTest extends WebhookFilterContract {

  @Override
  TestServer deploy(Path webapp) throws Exception {
    Tomcat tomcat = tomcat(webapp);
    tomcat.start();
    URI base = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/");
    return new TestServer() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public boolean isServerThread(String threadName) {
        return threadName.startsWith("http-nio-");
      }

      @Override
      public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }

  @Override
  String failedDeploymentError(Path webapp) throws Exception {
    Logger catalina = Logger.getLogger("org.apache.catalina");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    catalina.addHandler(capture);
    Tomcat tomcat = tomcat(webapp);
    try {
      tomcat.start();
      StandardContext context = (StandardContext) tomcat.getHost().findChild("");
      assertThat(context.getState().isAvailable()).as("context state %s", context.getState()).isFalse();
    } finally {
      catalina.removeHandler(capture);
      tomcat.stop();
      tomcat.destroy();
    }
    return records.stream()
        .filter(record -> record.getThrown() != null)
        .map(record -> Throwables.messages(record.getThrown()))
        .collect(Collectors.joining("\n"));
  }

  private Tomcat tomcat(Path webapp) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory(temporary, "tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    StandardContext context = new StandardContext();
    context.setName("");
    context.setPath("");
    context.setDocBase(webapp.toString());
    context.setParentClassLoader(TomcatWebXmlFilterTest.class.getClassLoader());
    StandardJarScanner jarScanner = new StandardJarScanner();
    jarScanner.setScanClassPath(false);
    context.setJarScanner(jarScanner);
    ContextConfig webXml = new ContextConfig();
    webXml.setDefaultWebXml(Constants.NoDefaultWebXml);
    context.addLifecycleListener(webXml);
    Tomcat.addServlet(context, "default", new DefaultServlet());
    context.addServletMappingDecoded("/", "default");
    tomcat.getHost().addChild(context);
    return tomcat;
  }
}
