package io.github.copernicawebhooks.benchmarks;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty on the loopback address, one context per case: the bare servlet (reads the body and
 * answers 200), and one context per webhook receiver, each with the filter in front of a servlet that
 * answers 404 (the filter should never let a webhook call through).
 */
final class LoadServer implements AutoCloseable {
  /** The name prefix of the server's threads, to tell their CPU time from the client's. */
  static final String THREAD_PREFIX = "load-server";

  private final Server server;
  private final ServerConnector connector;
  private final ContextHandlerCollection contexts = new ContextHandlerCollection();

  /** A server on a free port with Jetty's default pool (which grows and shrinks with the load). */
  LoadServer() {
    this(new QueuedThreadPool(), 0);
  }

  /**
   * A server on {@code port} (0 for a free one) whose pool has exactly {@code threads} threads, started
   * with it and never retired, so that no thread is created or ended while a case is measured.
   */
  LoadServer(int threads, int port) {
    this(pinned(threads), port);
  }

  private LoadServer(QueuedThreadPool pool, int port) {
    pool.setName(THREAD_PREFIX);
    server = new Server(pool);
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(contexts);
  }

  private static QueuedThreadPool pinned(int threads) {
    QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
    pool.setIdleTimeout(Integer.MAX_VALUE);
    return pool;
  }

  /** Serves {@link BareServlet} under {@code contextPath}; call before {@link #start}. */
  LoadServer withBareServlet(String contextPath) {
    return withServlet(contextPath, new BareServlet());
  }

  /** Serves this servlet for every path under {@code contextPath}; call before {@link #start}. */
  LoadServer withServlet(String contextPath, HttpServlet servlet) {
    ServletContextHandler context = new ServletContextHandler(contextPath);
    context.addServlet(new ServletHolder(servlet), "/*");
    contexts.addHandler(context);
    return this;
  }

  /** Serves the filter with this receiver under {@code contextPath}; call before {@link #start}. */
  LoadServer withFilter(String contextPath, WebhookReceiver receiver) {
    ServletContextHandler context = new ServletContextHandler(contextPath);
    context.addFilter(
        new FilterHolder(new CopernicaWebhookFilter(receiver)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new NotFoundServlet()), "/*");
    contexts.addHandler(context);
    return this;
  }

  LoadServer start() throws Exception {
    server.start();
    return this;
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /**
   * Case (a): what any endpoint must do at least, read the body and answer. It reads the way a careful
   * servlet would (into an array of the declared length, then checks that the body ends there), so the
   * baseline does no needless work.
   */
  static final class BareServlet extends HttpServlet {
    private static final byte[] OK = "OK\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      long declared = request.getContentLengthLong();
      if (declared < 0 || declared > Integer.MAX_VALUE) {
        response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
        return;
      }
      InputStream in = request.getInputStream();
      byte[] body = new byte[(int) declared];
      if (in.readNBytes(body, 0, body.length) != body.length || in.read() >= 0) {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        return;
      }
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("text/plain;charset=UTF-8");
      response.setContentLength(OK.length);
      response.getOutputStream().write(OK);
    }
  }

  /** Behind the filter: reached only if the filter passed a call on. */
  static final class NotFoundServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
