package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.console.RecentCalls;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A servlet filter that receives, verifies and dispatches Copernica webhooks. It answers every request its
 * filter mapping sends it and never passes one down the chain.
 *
 * <p>It reads the raw body itself, once and bounded, before anything could parse it as parameters: a
 * declared {@code Content-Length} over the limit is refused before reading, a chunked body is counted while
 * reading. The answer is the receiver's outcome as a short {@code text/plain} body. The bodies held in
 * memory at once are bounded (by default an eighth of the heap): a call that finds no room within five
 * seconds is answered 503 with {@code Retry-After}.
 *
 * <p>In {@code web.xml} it is configured by init-params (see the README: {@code listener},
 * {@code account-ids}, {@code signature}, {@code public-key}, {@code tolerance-seconds},
 * {@code max-body-bytes}, {@code time-zone}, {@code public-base-url}, {@code async-threads},
 * {@code async-queue-capacity}, {@code async-shutdown-seconds}, {@code deduplicate},
 * {@code deduplicate-window-seconds}, {@code deduplicate-max-entries}, {@code max-buffered-bytes}); on an
 * embedded server or in Spring, construct it with a {@link WebhookReceiver}. A filter configured by
 * init-params also serves the {@link CopernicaWebhookConsoleServlet} of its web application that shows it:
 * it records the calls for it and leaves its receiver to it in a {@code ServletContext} attribute.
 *
 * <p>The init-param {@code inbox-datasource} names a container {@code DataSource} in JNDI and turns the
 * durable inbox on: a call is committed to its table before it is answered 200 and handled by the inbox's
 * workers, tuned by {@code inbox-table-prefix}, {@code inbox-workers}, {@code inbox-max-attempts},
 * {@code inbox-retry-initial-delay-seconds}, {@code inbox-retry-max-delay-seconds},
 * {@code inbox-retention-seconds} and {@code inbox-initialize-schema}.
 */
public final class CopernicaWebhookFilter implements Filter {

  /**
   * The request attribute under which the filter leaves the {@link WebhookOutcome} of every call it
   * answers, for filters around it (metrics, access logs) that want the exact outcome rather than the status.
   */
  public static final String OUTCOME_ATTRIBUTE = WebhookOutcome.class.getName();

  private static final Logger LOGGER = System.getLogger(CopernicaWebhookFilter.class.getName());

  private volatile @Nullable WebhookReceiver receiver;
  private volatile boolean ownsReceiver;
  private volatile BodyBudget budget = BodyBudget.forHeap();

  /** For web.xml: configured by init-params in {@link #init}. */
  public CopernicaWebhookFilter() {}

  /** For embedded servers and Spring: uses this receiver; init-params are ignored. */
  public CopernicaWebhookFilter(WebhookReceiver receiver) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
  }

  /**
   * Uses this receiver and holds at most {@code maxBufferedBytes} of request bodies in memory at once
   * (the default is an eighth of the heap, at least 16 MiB); init-params are ignored.
   *
   * @throws IllegalArgumentException when {@code maxBufferedBytes} is not positive
   */
  public CopernicaWebhookFilter(WebhookReceiver receiver, long maxBufferedBytes) {
    this(receiver);
    this.budget = new BodyBudget(maxBufferedBytes);
  }

  /**
   * Builds the receiver from the init-params unless one was given to the constructor.
   *
   * @throws ServletException naming the init-param when one is missing or wrong, so the application does
   *     not start accepting calls it cannot verify or handle
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (receiver == null) {
      FilterSettings settings = FilterSettings.from(config);
      Optional<RecentCalls> recentCalls = ConsoleTarget.recentCallsFor(config);
      WebhookReceiver built = settings.receiver(recentCalls);
      receiver = built;
      ConsoleTarget.publish(config, built, recentCalls, WebhookParser.create().withZone(settings.zone()));
      budget = ResilienceSettings.bodyBudget(settings);
      ownsReceiver = true;
    }
  }

  /**
   * Closes the receiver this filter built from its init-params, draining an asynchronous queue or stopping
   * the inbox's workers. A receiver given to the constructor belongs to the caller, who closes it.
   */
  @Override
  public void destroy() {
    WebhookReceiver current = receiver;
    if (ownsReceiver && current != null) {
      current.close();
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
      handle((HttpServletRequest) request, (HttpServletResponse) response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    WebhookReceiver current = initialisedReceiver();
    WebhookRequest head = withoutBody(request);
    long declaredLength = request.getContentLengthLong();
    Optional<WebhookOutcome> refusal = current.screen(head, declaredLength);
    if (refusal.isPresent()) {
      boolean bodyLeftUnread = hasBody(request);
      write(request, response, refusal.get(), bodyLeftUnread);
      if (bodyLeftUnread) {
        UnreadBody.discardAfterAnswer(request, response);
      }
      return;
    }
    BodyBudget.Lease lease = budget.reserve(
        declaredLength >= 0 ? declaredLength : current.maxBodyBytes(), BodyBudget.WAIT);
    if (lease == null) {
      LOGGER.log(Level.WARNING, "Refused webhook call {0} {1}: 503 too many bodies in memory at once",
          request.getMethod(), request.getRequestURI());
      write(request, response, busy(), true);
      UnreadBody.discardAfterAnswer(request, response);
      return;
    }
    try {
      readAndReceive(request, response, current, head, declaredLength);
    } finally {
      lease.close();
    }
  }

  private static void readAndReceive(HttpServletRequest request, HttpServletResponse response, WebhookReceiver current,
      WebhookRequest head, long declaredLength) throws IOException {
    byte[] body;
    try {
      body = RequestBody.read(request.getInputStream(), declaredLength, current.maxBodyBytes());
    } catch (IOException unreadable) {
      LOGGER.log(Level.INFO, "Refused webhook call {0} {1}: body could not be read: {2}",
          request.getMethod(), request.getRequestURI(), unreadable.toString());
      write(request, response, new WebhookOutcome(400, "request body could not be read", Optional.empty(), Optional.empty()),
          true);
      return;
    }
    if (body == null) {
      WebhookOutcome tooLarge = current.screen(head, current.maxBodyBytes() + 1).orElseThrow();
      write(request, response, tooLarge, true);
      UnreadBody.discardAfterAnswer(request, response);
      return;
    }
    write(request, response, current.receive(head.withBody(body)), false);
  }

  private static WebhookOutcome busy() {
    return new WebhookOutcome(503, "busy, try again later", Optional.empty(), Optional.empty(), Kind.QUEUE_FULL,
        Map.of("Retry-After", "5"));
  }

  private WebhookReceiver initialisedReceiver() throws ServletException {
    WebhookReceiver current = receiver;
    if (current == null) {
      throw new ServletException("CopernicaWebhookFilter was not initialised: init(FilterConfig) was not called");
    }
    return current;
  }

  /** Method, raw request target (path and query exactly as received), every header value and the peer. */
  private static WebhookRequest withoutBody(HttpServletRequest request) {
    String query = request.getQueryString();
    WebhookRequest.Builder builder = WebhookRequest.builder()
        .method(request.getMethod())
        .target(query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query);
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        builder.header(name, value);
      }
    }
    String remoteAddress = request.getRemoteAddr();
    if (remoteAddress != null) {
      builder.remoteAddress(remoteAddress);
    }
    return builder.build();
  }

  private static boolean hasBody(HttpServletRequest request) {
    String transferEncoding = request.getHeader("Transfer-Encoding");
    return request.getContentLengthLong() > 0
        || (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked"));
  }

  /**
   * Writes the outcome. When the body was left unread, the connection is closed after the answer, so the
   * container neither reads nor buffers the rest of a body that may be huge.
   */
  private static void write(
      HttpServletRequest request, HttpServletResponse response, WebhookOutcome outcome, boolean bodyLeftUnread)
      throws IOException {
    request.setAttribute(OUTCOME_ATTRIBUTE, outcome);
    byte[] message = outcome.message().getBytes(StandardCharsets.UTF_8);
    response.setStatus(outcome.status());
    outcome.headers().forEach(response::setHeader);
    if (bodyLeftUnread) {
      response.setHeader("Connection", "close");
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(message.length);
    response.getOutputStream().write(message);
  }
}
