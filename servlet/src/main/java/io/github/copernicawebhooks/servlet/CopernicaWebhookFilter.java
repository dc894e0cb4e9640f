package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.Screening;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.internal.BodyBudget;
import io.github.copernicawebhooks.internal.BodyDeadline;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A servlet filter that receives, verifies and dispatches Copernica webhooks. It answers every request its
 * filter mapping sends it and never passes one down the chain.
 *
 * <p>It reads the raw body itself, once and bounded, before anything could parse it as parameters: a
 * declared {@code Content-Length} over the limit is refused before reading, a chunked body is counted while
 * reading. A call whose headers show it cannot be genuine (no or a bad signature, another account, a
 * {@code Date} outside the window) is refused before its body is read or memory is set aside for it. The
 * answer is the receiver's outcome as a short {@code text/plain} body. The bodies held in
 * memory at once are bounded (by default an eighth of the heap): a call that finds no room within five
 * seconds is answered 503 with {@code Retry-After}. A body must arrive within a deadline (by default 30
 * seconds), else the call is answered 408 and its connection closed; and while other calls wait for room,
 * a body that has arrived at less than a minimum average rate (by default 16 KiB a second) after its first
 * second loses its room the same way, so stalled uploads cannot keep genuine calls waiting.
 *
 * <p>Where the request supports asynchronous processing (Spring Boot registers the filter so; in
 * {@code web.xml} declare {@code <async-supported>true</async-supported>}) the body is read with non-blocking
 * I/O: no thread waits while it arrives, and the call may end after {@code doFilter} has returned, so filters
 * around this one read {@link #OUTCOME_ATTRIBUTE} when the request's {@link jakarta.servlet.AsyncContext}
 * completes. Otherwise the body is read blocking, and the deadline is enforced by interrupting the reading
 * thread, which Jetty honours; Tomcat ends a stalled blocking read only when its next bytes arrive.
 *
 * <p>In {@code web.xml} it is configured by init-params (see the README: {@code listener},
 * {@code account-ids}, {@code signature}, {@code public-key}, {@code tolerance-seconds},
 * {@code max-body-bytes}, {@code time-zone}, {@code public-base-url}, {@code async-threads},
 * {@code async-queue-capacity}, {@code async-shutdown-seconds}, {@code deduplicate},
 * {@code deduplicate-window-seconds}, {@code deduplicate-capacity}, {@code deduplicator},
 * {@code replay-guard}, {@code signature-provider}, {@code install-signature-provider-globally},
 * {@code max-buffered-bytes}, {@code body-timeout-seconds}, {@code min-body-bytes-per-second}); on an embedded server or in Spring, construct it with a
 * {@link WebhookReceiver}, or with {@link #builder(WebhookReceiver)} for the body limits. A filter
 * configured by init-params also serves the {@link CopernicaWebhookConsoleServlet} of its web application
 * that shows it: it records the calls for it and leaves its receiver to it in a {@code ServletContext}
 * attribute.
 *
 * <p>The init-param {@code inbox-datasource} names a container {@code DataSource} in JNDI and turns the
 * durable inbox on: a call is committed to its table before it is answered 200 and handled by the inbox's
 * workers, tuned by {@code inbox-table-prefix}, {@code inbox-workers}, {@code inbox-max-attempts},
 * {@code inbox-retry-initial-delay-seconds}, {@code inbox-retry-max-delay-seconds},
 * {@code inbox-retention-seconds} and {@code inbox-initialize-schema}; while the database is away the
 * call is spooled to local disk ({@code inbox-spool}, {@code inbox-spool-directory}, {@code
 * inbox-spool-quota-bytes}, {@code inbox-database-time-budget-millis}).
 */
public final class CopernicaWebhookFilter implements Filter {

  /**
   * The request attribute under which the filter leaves the {@link WebhookOutcome} of every call it
   * answers, for filters around it (metrics, access logs) that want the exact outcome rather than the status.
   */
  public static final String OUTCOME_ATTRIBUTE = WebhookOutcome.class.getName();

  /** How long a body may take to arrive, unless configured otherwise. */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

  /** The slowest average rate, in bytes a second, at which a body keeps its room while other calls wait. */
  public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 16 * 1024;

  private volatile @Nullable WebhookReceiver receiver;
  private volatile boolean ownsReceiver;
  private volatile BodyBudget budget = BodyBudget.forHeap();
  private volatile Duration budgetWait = BodyBudget.WAIT;
  private volatile Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
  private volatile long minBodyBytesPerSecond = DEFAULT_MIN_BODY_BYTES_PER_SECOND;
  private final Watchdog watchdog = new Watchdog();
  private final FilterLog log = new FilterLog();
  private final AtomicBoolean warnedAboutBlockingReads = new AtomicBoolean();

  /** For web.xml: configured by init-params in {@link #init}. */
  public CopernicaWebhookFilter() {}

  /** For embedded servers and Spring: uses this receiver and the default body limits; init-params are ignored. */
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

  /** A builder of a filter that uses this receiver, for settings of the body limits; init-params are ignored. */
  public static Builder builder(WebhookReceiver receiver) {
    return new Builder(receiver);
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
      budget = ResilienceSettings.bodyBudget(settings);
      bodyTimeout = ResilienceSettings.bodyTimeout(settings);
      minBodyBytesPerSecond = ResilienceSettings.minBodyBytesPerSecond(settings);
      Optional<RecentCalls> recentCalls = ConsoleTarget.recentCallsFor(config);
      WebhookReceiver built = settings.receiver(recentCalls);
      receiver = built;
      try {
        ConsoleTarget.publish(config, built, recentCalls, WebhookParser.create().withZone(settings.zone()));
      } catch (ServletException wrongConsoleSetting) {
        // The deployment fails and destroy() is not called: the inbox's workers would outlive it.
        built.close();
        throw wrongConsoleSetting;
      }
      ownsReceiver = true;
    }
  }

  /**
   * Stops the thread that keeps the body deadlines and closes the receiver this filter built from its
   * init-params, draining an asynchronous queue or stopping the inbox's workers. A receiver given to the
   * constructor belongs to the caller, who closes it.
   */
  @Override
  public void destroy() {
    watchdog.close();
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
    Screening screening = current.screen(head, declaredLength);
    Optional<WebhookOutcome> refusal = screening.refusal();
    if (refusal.isPresent()) {
      boolean bodyLeftUnread = hasBody(request);
      WebhookCall.write(request, response, refusal.get(), bodyLeftUnread);
      if (bodyLeftUnread) {
        UnreadBody.discardAfterAnswer(request, response, watchdog);
      }
      return;
    }
    BodyBudget.Lease lease = budget.reserve(
        declaredLength >= 0 ? declaredLength : current.maxBodyBytes(), budgetWait);
    if (lease == null) {
      log.busy(request);
      WebhookCall.write(request, response, WebhookOutcome.memoryBudgetExhausted(), true);
      UnreadBody.discardAfterAnswer(request, response, watchdog);
      return;
    }
    readAndReceive(request, response, new WebhookCall(request, response, current, head, screening, lease, log),
        new RequestBody(declaredLength, current.maxBodyBytes()));
  }

  private void readAndReceive(HttpServletRequest request, HttpServletResponse response, WebhookCall call,
      RequestBody body) throws IOException {
    BodyDeadline deadline = new BodyDeadline(
        System.nanoTime(), bodyTimeout.toNanos(), minBodyBytesPerSecond, budget::isContended);
    try {
      if (request.isAsyncSupported()) {
        AsyncBody.read(request, response, body, deadline, watchdog, call);
        return;
      }
      if (warnedAboutBlockingReads.compareAndSet(false, true)) {
        log.blocking(request);
      }
      BlockingBody.read(request.getInputStream(), body, deadline, watchdog, call);
    } catch (IOException | RuntimeException | Error unexpected) {
      call.release(); // on this unexpected path the room is given back at once (closing twice is harmless)
      throw unexpected;
    }
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

  /** Test hook: the budget of the bodies held at once. */
  BodyBudget budget() {
    return budget;
  }

  /** Test hook: how long a call waits for room in the body budget before it is answered 503. */
  void budgetWait(Duration wait) {
    this.budgetWait = wait;
  }

  /**
   * Builds a {@link CopernicaWebhookFilter} for a receiver, with limits on the bodies it reads; every limit
   * has a default.
   */
  public static final class Builder {
    private final WebhookReceiver receiver;
    private @Nullable Long maxBufferedBytes;
    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private long minBodyBytesPerSecond = DEFAULT_MIN_BODY_BYTES_PER_SECOND;

    private Builder(WebhookReceiver receiver) {
      this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * The most bytes of request bodies held in memory at once; default an eighth of the heap, at least 16 MiB.
     * A call that finds no room within five seconds is answered 503 with {@code Retry-After}.
     */
    public Builder maxBufferedBytes(long maxBufferedBytes) {
      if (maxBufferedBytes < 1) {
        throw new IllegalArgumentException("body budget must be positive: " + maxBufferedBytes);
      }
      this.maxBufferedBytes = maxBufferedBytes;
      return this;
    }

    /** How long a body may take to arrive, from the moment the filter starts reading it; default 30 seconds. */
    public Builder bodyTimeout(Duration bodyTimeout) {
      if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
        throw new IllegalArgumentException("bodyTimeout must be positive: " + bodyTimeout);
      }
      this.bodyTimeout = bodyTimeout;
      return this;
    }

    /**
     * The slowest average rate at which a body keeps its room in the body budget while other calls wait for
     * room, checked from the end of its first second on; default {@link #DEFAULT_MIN_BODY_BYTES_PER_SECOND};
     * {@code 0} checks only the {@linkplain #bodyTimeout deadline}.
     */
    public Builder minBodyBytesPerSecond(long minBodyBytesPerSecond) {
      if (minBodyBytesPerSecond < 0) {
        throw new IllegalArgumentException("minBodyBytesPerSecond must not be negative: " + minBodyBytesPerSecond);
      }
      this.minBodyBytesPerSecond = minBodyBytesPerSecond;
      return this;
    }

    /** The filter. */
    public CopernicaWebhookFilter build() {
      CopernicaWebhookFilter filter = maxBufferedBytes == null
          ? new CopernicaWebhookFilter(receiver)
          : new CopernicaWebhookFilter(receiver, maxBufferedBytes);
      filter.bodyTimeout = bodyTimeout;
      filter.minBodyBytesPerSecond = minBodyBytesPerSecond;
      return filter;
    }
  }
}
