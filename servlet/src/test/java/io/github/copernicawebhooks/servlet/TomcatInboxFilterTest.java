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
import org.apache.catalina.startup.Tomcat;

/** The inbox contract on Tomcat 11 with naming enabled and a pooled DataSource as a context resource. */
class TomcatInboxFilterTest extends InboxFilterContract {

  @Override
  TestServer deploy(Path webapp, TestDatabase database) throws Exception {
    Tomcat tomcat = JndiContainers.tomcat(webapp, Files.createTempDirectory(temporary, "tomcat"), database);
    tomcat.start();
    URI base = JndiContainers.base(tomcat);
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
        JndiContainers.stop(tomcat);
      }
    };
  }

  @Override
  String failedDeploymentError(Path webapp, TestDatabase database) throws Exception {
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
    Tomcat tomcat = JndiContainers.tomcat(webapp, Files.createTempDirectory(temporary, "tomcat"), database);
    try {
      tomcat.start();
      StandardContext context = (StandardContext) tomcat.getHost().findChild("");
      assertThat(context.getState().isAvailable()).as("context state %s", context.getState()).isFalse();
    } finally {
      catalina.removeHandler(capture);
      JndiContainers.stop(tomcat);
    }
    return records.stream()
        .filter(record -> record.getThrown() != null)
        .map(record -> Throwables.messages(record.getThrown()))
        .collect(Collectors.joining("\n"));
  }
}
