package io.github.copernicawebhooks;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs the whole pipeline for one call and says what to answer. Immutable and thread-safe.
 *
 * <p>The steps, each refusing with its own status: method (405 with {@code Allow: POST}), content type
 * (415), body size (413), signature (401 with a generic body, the precise reason logged; 503 when the key
 * cannot be looked up right now), parsing (400 naming the problem), dispatch to the listener (200; 500
 * when it throws).
 *
 * <p>Two optional steps sit before the dispatch. {@linkplain Builder#deduplicate De-duplication} answers
 * 200 without dispatching an event whose body was handled before. {@linkplain Builder#async Asynchronous
 * mode} queues the event for a bounded pool of threads and answers 202 at once (503 with
 * {@code Retry-After} when the queue is full); {@link #close()} then drains the queue.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(SignatureVerifier.builder().accountIds("account_1234").build())
 *     .listener(WebhookDispatcher.builder().on(ProfileUpdated.class, this::onUpdate).build())
 *     .build();
 * WebhookOutcome outcome = receiver.receive(request);
 * }</pre>
 */
public final class WebhookReceiver implements AutoCloseable {

  static final String VERIFICATION_FAILED = "signature verification failed";

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  /** How long {@link #close()} waits for queued events unless configured otherwise. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** The {@code Retry-After} seconds sent with a 503 for a full queue. */
  static final long RETRY_AFTER_SECONDS = 5;

  private final WebhookParser parser;
  private final @Nullable SignatureVerifier verifier;
  private final WebhookListener listener;
  private final long maxBodyBytes;
  private final @Nullable EventDeduplicator deduplicator;
  private final @Nullable AsyncDispatch async;
  private final @Nullable ObservedCalls observed;

  private WebhookReceiver(WebhookParser parser, @Nullable SignatureVerifier verifier, WebhookListener listener,
      @Nullable EventDeduplicator deduplicator, @Nullable AsyncDispatch async, @Nullable CallObserver observer) {
    this.parser = parser;
    this.verifier = verifier;
    this.observed = observer == null ? null : new ObservedCalls(observer);
    this.listener = observed == null ? listener : observed.wrap(listener);
    this.maxBodyBytes = parser.limits().maxBodyBytes();
    this.deduplicator = deduplicator;
    this.async = async;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Handles one call and tells the adapter what to answer. Never throws. */
  public WebhookOutcome receive(WebhookRequest request) {
    return observed == null ? process(request) : observed.receive(request, this::process);
  }

  private WebhookOutcome process(WebhookRequest request) {
    Optional<WebhookOutcome> refusal = check(request, request.body().length);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    try {
      verify(request);
    } catch (WebhookException failure) {
      return refuse(request, failure);
    } catch (RuntimeException unexpected) {
      ReceiverLog.internalError(request, "signature verification", unexpected);
      return WebhookOutcome.internalError();
    }
    WebhookEvent event;
    try {
      event = parser.parse(request.body(), request.contentType().orElse(""));
    } catch (WebhookException failure) {
      return refuse(request, failure);
    } catch (RuntimeException unexpected) {
      ReceiverLog.internalError(request, "parsing", unexpected);
      return WebhookOutcome.internalError();
    }
    return dispatch(request, event);
  }

  /**
   * Runs the checks that need no body: method, content type and size. Adapters call it before reading the
   * body, so that a call which will be refused is refused without reading it.
   *
   * @param request the call; its body is not looked at
   * @param bodyLength the body size in bytes: the {@code Content-Length}, or the bytes counted so far;
   *     {@code -1} when not known yet
   * @return the refusal, already logged, or empty when the call may go on
   */
  public Optional<WebhookOutcome> screen(WebhookRequest request, long bodyLength) {
    return observed == null ? check(request, bodyLength) : observed.screened(request, check(request, bodyLength));
  }

  private Optional<WebhookOutcome> check(WebhookRequest request, long bodyLength) {
    if (!"POST".equals(request.method())) {
      return Optional.of(refuse(request, new WebhookException(
          Reason.METHOD_NOT_ALLOWED, "method " + request.method() + " is not POST")));
    }
    if (!isSupported(request.contentType())) {
      return Optional.of(refuse(request, new WebhookException(
          Reason.UNSUPPORTED_CONTENT_TYPE, "content type " + request.contentType().orElse("(none)"))));
    }
    if (bodyLength > maxBodyBytes) {
      return Optional.of(refuse(request, new WebhookException(
          Reason.BODY_TOO_LARGE, "body of " + bodyLength + " bytes or more exceeds " + maxBodyBytes)));
    }
    return Optional.empty();
  }

  /** The largest body this receiver accepts, so adapters can refuse bigger ones before reading. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Whether signatures are verified; {@code false} only after {@link Builder#signatureOff()}. */
  public boolean verifiesSignatures() {
    return verifier != null;
  }

  private void verify(WebhookRequest request) {
    if (verifier != null) {
      verifier.verify(request);
    }
  }

  /** Whether events are handled on the receiver's own threads and calls answered 202. */
  public boolean isAsync() {
    return async != null;
  }

  /**
   * Stops an asynchronous receiver: refuses new calls with 503, waits up to the shutdown timeout for the
   * queued events to be handled and logs how many were not. Does nothing for a synchronous receiver; a
   * second call does nothing.
   */
  @Override
  public void close() {
    if (async != null) {
      async.close();
    }
  }

  private WebhookOutcome dispatch(WebhookRequest request, WebhookEvent event) {
    ContentKey key = ContentKey.claim(deduplicator, request.body());
    if (key.isDuplicate()) {
      return WebhookOutcome.duplicate(event);
    }
    if (async != null) {
      return dispatchLater(async, request, event, key);
    }
    boolean handled = false;
    try {
      listener.onEvent(event, request);
      handled = true;
      return WebhookOutcome.handled(event);
    } catch (Exception exception) {
      ReceiverLog.handlerFailed(request, event, exception);
      return WebhookOutcome.handlerFailed(event);
    } finally {
      releaseUnless(handled, key);
    }
  }

  /** A body whose handler did not finish (an exception, or an Error) is forgotten, so a retry is dispatched. */
  private static void releaseUnless(boolean handled, ContentKey key) {
    if (!handled) {
      key.release();
    }
  }

  /** Queues the event with its call, which the listener may read (and which holds the body until then). */
  private WebhookOutcome dispatchLater(AsyncDispatch async, WebhookRequest request, WebhookEvent event, ContentKey key) {
    boolean queued = async.submit(() -> {
      boolean handled = false;
      try {
        listener.onEvent(event, request);
        handled = true;
      } catch (Exception exception) {
        ReceiverLog.asyncHandlerFailed(request, event, exception);
      } finally {
        releaseUnless(handled, key);
      }
    });
    if (!queued) {
      key.release();
      ReceiverLog.queueFull(request, event);
      return WebhookOutcome.queueFull(event, RETRY_AFTER_SECONDS);
    }
    return WebhookOutcome.accepted(event);
  }

  private WebhookOutcome refuse(WebhookRequest request, WebhookException failure) {
    ReceiverLog.refused(request, failure);
    return WebhookOutcome.refused(failure, publicMessage(failure));
  }

  /** The body sent back: never a detail of a failed verification, which would help an attacker. */
  private String publicMessage(WebhookException failure) {
    switch (failure.reason()) {
      case METHOD_NOT_ALLOWED:
        return "method not allowed: use POST";
      case UNSUPPORTED_CONTENT_TYPE:
        return "unsupported content type: use " + FORM + " or " + JSON;
      case BODY_TOO_LARGE:
        return "body larger than " + maxBodyBytes + " bytes";
      case KEY_UNAVAILABLE:
        return "signature key unavailable, try again later";
      default:
        return failure.reason().isVerificationFailure() ? VERIFICATION_FAILED : failure.getMessage();
    }
  }

  private static boolean isSupported(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return false;
    }
    String value = contentType.get();
    int semicolon = value.indexOf(';');
    String mediaType = (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return mediaType.equals(FORM) || mediaType.equals(JSON);
  }

  /** Builds a {@link WebhookReceiver}. A verifier, or an explicit {@link #signatureOff()}, is required. */
  public static final class Builder {
    private WebhookParser parser = WebhookParser.create();
    private @Nullable SignatureVerifier verifier;
    private boolean signatureOff;
    private @Nullable WebhookListener listener;
    private long maxBodyBytes;
    private @Nullable EventDeduplicator deduplicator;
    private int asyncThreads;
    private int asyncQueueCapacity;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private @Nullable CallObserver observer;

    private Builder() {}

    /**
     * Tells this observer of every call and its outcome, for example the console's record of recent calls.
     * None by default.
     */
    public Builder observer(CallObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Dispatches an event whose body was handled before only once: a duplicate is answered 200 (kind
     * {@link WebhookOutcome.Kind#DUPLICATE}). Off by default. A body is remembered once claimed; when its
     * handler fails (or it cannot be queued) it is forgotten again, so a retry is dispatched.
     */
    public Builder deduplicate(EventDeduplicator deduplicator) {
      this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
      return this;
    }

    /**
     * Handles events asynchronously: after verification and parsing the event is queued and the call
     * answered 202; {@code threads} threads call the listener. When {@code queueCapacity} events are
     * waiting, further calls are answered 503 with {@code Retry-After}. A handler failure can then no longer
     * be answered 500: it is logged with the event's type and ids. Off (synchronous) by default.
     */
    public Builder async(int threads, int queueCapacity) {
      if (threads < 1) {
        throw new IllegalArgumentException("async threads must be at least 1: " + threads);
      }
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("async queue capacity must be at least 1: " + queueCapacity);
      }
      this.asyncThreads = threads;
      this.asyncQueueCapacity = queueCapacity;
      return this;
    }

    /**
     * How long {@link WebhookReceiver#close()} waits for queued events; default
     * {@link WebhookReceiver#DEFAULT_SHUTDOWN_TIMEOUT}.
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** The parser, for another zone or other limits; default {@link WebhookParser#create()}. */
    public Builder parser(WebhookParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /** Verifies every call with this verifier. */
    public Builder verifier(SignatureVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** Accepts unsigned calls. Logs a warning when built: never do this in production. */
    public Builder signatureOff() {
      this.signatureOff = true;
      return this;
    }

    /** The code that handles every event, for example a {@link WebhookDispatcher}. */
    public Builder listener(WebhookListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The largest body accepted; default the parser's {@link ParserLimits#maxBodyBytes()} (4 MiB). Sets
     * the parser's limit too.
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The receiver.
     *
     * @throws IllegalStateException without a listener, or without a verifier and without {@link #signatureOff()},
     *     or with both
     */
    public WebhookReceiver build() {
      if (listener == null) {
        throw new IllegalStateException("no listener: call listener(...) with the code that handles events");
      }
      if (verifier == null && !signatureOff) {
        throw new IllegalStateException(
            "no signature verifier: call verifier(SignatureVerifier...) or, to accept unsigned calls, signatureOff()");
      }
      if (verifier != null && signatureOff) {
        throw new IllegalStateException("both verifier(...) and signatureOff() were called: choose one");
      }
      if (signatureOff) {
        ReceiverLog.signatureOff();
      }
      WebhookParser configured = maxBodyBytes > 0
          ? parser.withLimits(parser.limits().withMaxBodyBytes(maxBodyBytes))
          : parser;
      AsyncDispatch async = asyncThreads > 0
          ? new AsyncDispatch(asyncThreads, asyncQueueCapacity, shutdownTimeout)
          : null;
      return new WebhookReceiver(configured, verifier, listener, deduplicator, async, observer);
    }
  }
}
