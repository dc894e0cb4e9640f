package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;

/** The inbox contract on Jetty 12 (ee10) with the Plus configuration and a DataSource bound as a Resource. */
class JettyInboxFilterTest extends InboxFilterContract {

  @Override
  TestServer deploy(Path webapp, TestDatabase database) throws Exception {
    Server server = JndiContainers.jetty(webapp, database.dataSource());
    server.start();
    URI base = JndiContainers.base(server);
    return new TestServer() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public boolean isServerThread(String threadName) {
        return false;
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }

  @Override
  String failedDeploymentError(Path webapp, TestDatabase database) throws Exception {
    Server server = JndiContainers.jetty(webapp, database.dataSource());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try {
      assertThatThrownBy(server::start).satisfies(failure::set);
    } finally {
      server.stop();
    }
    return Throwables.messages(failure.get());
  }
}
