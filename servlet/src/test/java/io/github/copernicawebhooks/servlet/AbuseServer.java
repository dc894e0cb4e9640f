package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookReceiver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty with {@code new CopernicaWebhookFilter(receiver)} mounted at several paths, for the
 * hostile-input and memory tests; extra servlets (such as a heap probe) can be mounted beside them.
 */
final class AbuseServer implements AutoCloseable {

  static final String THREAD_NAME = "jetty-abuse";

  private final Server server;
  private final int port;

  private AbuseServer(Server server) {
    this.server = server;
    this.port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Starts Jetty on a free port with {@code new CopernicaWebhookFilter(receiver)} per path and the given servlets. */
  static AbuseServer start(Map<String, WebhookReceiver> receivers, Map<String, HttpServlet> servlets) throws Exception {
    Map<String, CopernicaWebhookFilter> filters = new java.util.LinkedHashMap<>();
    receivers.forEach((path, receiver) -> filters.put(path, new CopernicaWebhookFilter(receiver)));
    return startFilters(filters, servlets, false);
  }

  /**
   * Starts Jetty on a free port with one filter per path and the given servlets; {@code async} registers
   * the filters as supporting asynchronous processing, so that they read bodies with non-blocking I/O.
   */
  static AbuseServer startFilters(Map<String, CopernicaWebhookFilter> filters, Map<String, HttpServlet> servlets,
      boolean async) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(200);
    threads.setName(THREAD_NAME);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    connector.setHost("127.0.0.1");
    connector.setIdleTimeout(10_000);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    filters.forEach((path, filter) -> {
      FilterHolder holder = new FilterHolder(filter);
      holder.setAsyncSupported(async);
      context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST));
    });
    servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
    server.setHandler(context);
    server.start();
    return new AbuseServer(server);
  }

  int port() {
    return port;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
