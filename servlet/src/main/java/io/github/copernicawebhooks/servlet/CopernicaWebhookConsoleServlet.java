package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.console.ConsoleRequest;
import io.github.copernicawebhooks.console.ConsoleResponse;
import io.github.copernicawebhooks.console.WebhookConsole;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The web console of a {@link CopernicaWebhookFilter}: every call Copernica made, why one was refused,
 * what a handler threw, with retry and re-delivery of inbox events. Map it to a path of its own with
 * {@code /*}, such as {@code /copernica-webhooks/*}.
 *
 * <p>In {@code web.xml} it shows the filter of the same web application named by its init-param
 * {@code filter-name}, or the only {@code CopernicaWebhookFilter} there is. That filter (built from its
 * init-params) sees the console's registration when it starts, records the calls the console shows, and
 * leaves its receiver in a {@code ServletContext} attribute for the console; the order in which the
 * container starts them does not matter. Init-params:
 *
 * <ul>
 *   <li>{@code allow-remote} ({@code false}): answer clients on other machines too; without it, and
 *       without {@code role}, only local clients: the connection's peer is a loopback address, the host name
 *       is a loopback name and no proxy header says otherwise. That is all "local" means: a proxy on this
 *       machine that adds no header makes everyone local, so put no such proxy in front of it.
 *   <li>{@code allowed-addresses} (none): answer only clients at these IP addresses or CIDR ranges (separated
 *       by commas), instead of only local ones.
 *   <li>{@code trusted-proxies} (none): the proxies (addresses or ranges) whose {@code X-Forwarded-For} names
 *       the client; the client is then the last address there that is not a trusted proxy.
 *   <li>{@code public-url} (none): the URL browsers open the console at; a POST's {@code Origin} must be its.
 *   <li>{@code recent-calls} ({@code 500}): how many calls are kept in memory.
 *   <li>{@code mask-values} ({@code false}): mask field values and email addresses on the server.
 *   <li>{@code role} (none): answer only users in this role, from anywhere; the container's or the
 *       application's security (a {@code security-constraint}, Spring Security) authenticates them.
 *   <li>{@code filter-name} (the only filter): the {@code CopernicaWebhookFilter} to show.
 * </ul>
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>copernica-webhooks-console</servlet-name>
 *   <servlet-class>io.github.copernicawebhooks.servlet.CopernicaWebhookConsoleServlet</servlet-class>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>copernica-webhooks-console</servlet-name>
 *   <url-pattern>/copernica-webhooks/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>Without a role or {@code allow-remote} the console decides on the client's address, so it must see the
 * connection's real peer. A {@code RemoteIpFilter} registered in the web application stops it from starting;
 * a request that Tomcat's {@code RemoteIpValve} or {@code RemoteIpFilter}, or Spring's
 * {@code ForwardedHeaderFilter}, gave a peer from a proxy header is refused with a message that names the
 * rewrite. Use {@code role} there, or turn the rewrite off and list the proxies in {@code trusted-proxies}.
 * Jetty's {@code ForwardedRequestCustomizer} works on the connector and cannot be seen from here.
 *
 * <p>On an embedded server or in Spring, construct it with a {@link WebhookConsole}; init-params are then ignored.
 */
public final class CopernicaWebhookConsoleServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private transient volatile @Nullable WebhookConsole console;
  private transient @Nullable ConsoleSettings settings;
  private transient @Nullable String filterName;

  /** For web.xml: configured by init-params; shows the filter's receiver. */
  public CopernicaWebhookConsoleServlet() {}

  /** For embedded servers and Spring: serves this console; init-params are ignored. */
  public CopernicaWebhookConsoleServlet(WebhookConsole console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  /**
   * Checks the init-params and finds the filter to show.
   *
   * @throws ServletException naming the init-param when one is wrong, or when there is no filter to show
   */
  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    WebhookConsole given = console;
    if (given != null) {
      refuseARewrittenPeer(given.decidesOnAddress(), config);
      return;
    }
    ConsoleSettings own = ConsoleSettings.of(config.getServletName(), Collections.list(config.getInitParameterNames()),
        config::getInitParameter);
    List<String> filters = ConsoleSettings.webhookFilters(config.getServletContext());
    if (own.filterName().isPresent()) {
      if (!filters.contains(own.filterName().get())) {
        throw own.invalid(ConsoleSettings.FILTER_NAME, "names no CopernicaWebhookFilter of this web application: '"
            + own.filterName().get() + "'; there are " + filters);
      }
      filterName = own.filterName().get();
    } else if (filters.size() == 1) {
      filterName = filters.get(0);
    } else {
      throw own.invalid(ConsoleSettings.FILTER_NAME, filters.isEmpty()
          ? "cannot be guessed: this web application declares no CopernicaWebhookFilter"
          : "is missing: name one of the filters " + filters);
    }
    refuseARewrittenPeer(!own.allowRemote() && own.role().isEmpty(), config);
    settings = own;
  }

  private static void refuseARewrittenPeer(boolean decidesOnAddress, ServletConfig config) throws ServletException {
    if (decidesOnAddress) {
      Optional<String> rewrite = PeerRewrites.registered(config.getServletContext());
      if (rewrite.isPresent()) {
        throw new ServletException("Copernica webhook console '" + config.getServletName() + "': "
            + WebhookConsole.rewrittenPeerMessage(rewrite.get() + " (registered in this web application)"));
      }
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    String path = request.getPathInfo();
    if (path == null) {
      // Not sendRedirect: its one-argument form is abstract in Servlet 6.0 and a default method in 6.1, so
      // a 6.0 API jar before Tomcat 11's own classes would fail with AbstractMethodError.
      response.setStatus(HttpServletResponse.SC_FOUND);
      response.setHeader("Location", ownPath(request) + "/");
      return;
    }
    WebhookConsole current = console();
    if (current == null) {
      response.setStatus(503);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("the Copernica webhook filter '" + filterName + "' has not started");
      return;
    }
    ConsoleResponse answer = current.handle(new ConsoleRequest(request.getMethod(), path, query(request),
        headers(request), request.getRemoteAddr() == null ? "" : request.getRemoteAddr(), request::isUserInRole,
        ApplicationCsrf.postHeaders(request), PeerRewrites.of(request)));
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    response.setContentType(answer.contentType());
    response.setContentLength(answer.body().length);
    if (!request.getMethod().equals("HEAD")) {
      response.getOutputStream().write(answer.body());
    }
  }

  /**
   * The console's own path, from the application's configured context path and this servlet's mapping: never
   * from the request's URI, whose raw form ({@code //evil.example/..;/copernica-webhooks}) the container
   * resolves to this servlet but a browser would read as another host.
   */
  static String ownPath(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    String pattern = mapping.getPattern();
    String own = mapping.getMappingMatch() == MappingMatch.PATH && pattern.endsWith("/*")
        ? pattern.substring(0, pattern.length() - 2)
        : request.getServletPath();
    return "/" + (request.getServletContext().getContextPath() + own).replaceAll("^[/\\\\]+", "");
  }

  /** The console; for web.xml built once the filter has left its receiver. */
  private @Nullable WebhookConsole console() throws ServletException {
    WebhookConsole current = console;
    if (current != null || settings == null || filterName == null) {
      return current;
    }
    Object published = getServletContext().getAttribute(ConsoleTarget.attribute(filterName));
    if (!(published instanceof ConsoleTarget)) {
      return null;
    }
    synchronized (this) {
      if (console == null) {
        console = ((ConsoleTarget) published).console(settings);
      }
      return console;
    }
  }

  /** The query string's parameters; the body is never read (the console's POSTs have none). */
  private static Map<String, List<String>> query(HttpServletRequest request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    String query = request.getQueryString();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException broken) {
      return text;
    }
  }

  private static Map<String, String> headers(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      // Every X-Forwarded-For line: a trusted proxy appends its hop to the last one, the client can send the first.
      String value = name.equalsIgnoreCase("x-forwarded-for")
          ? String.join(", ", Collections.list(request.getHeaders(name)))
          : request.getHeader(name);
      if (value != null) {
        headers.putIfAbsent(name, value);
      }
    }
    return headers;
  }
}
