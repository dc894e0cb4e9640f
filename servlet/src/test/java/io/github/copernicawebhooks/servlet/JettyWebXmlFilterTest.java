package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The contract on embedded Jetty 12 (ee10), deploying the test web application's real WEB-INF/web.xml. */
class JettyWebXmlFilterTest extends WebhookFilterContract {

  private static final String THREAD_NAME = "jetty-webhooks";

  @Override
  TestServer deploy(Path webapp) throws Exception {
    Server server = server(webapp);
    server.start();
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    URI base = URI.create("http://localhost:" + port + "/");
    return new TestServer() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public boolean isServerThread(String threadName) {
        return threadName.startsWith(THREAD_NAME);
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }

  @Override
  String failedDeploymentError(Path webapp) throws Exception {
    Server server = server(webapp);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try {
      assertThatThrownBy(server::start).satisfies(failure::set);
    } finally {
      server.stop();
    }
    return Throwables.messages(failure.get());
  }

  private static Server server(Path webapp) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName(THREAD_NAME);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext context = new WebAppContext();
    context.setContextPath("/");
    context.setWar(webapp.toString());
    context.setParentLoaderPriority(true);
    context.setThrowUnavailableOnStartupException(true);
    server.setHandler(context);
    return server;
  }
}
