package io.github.copernicawebhooks;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.internal.InboxEngine;
import io.github.copernicawebhooks.signature.ReplayToken;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>In {@linkplain Builder#inbox inbox mode}, recommended for production, the verified and parsed call is
 * committed to a table in the application's database and answered 200 after the commit (503 with {@code
 * Retry-After} when the database cannot be reached); workers on every instance call the listener from
 * there, retry failures with backoff and keep what keeps failing as dead. The table de-duplicates bodies
 * and refuses replayed nonces across every instance that shares it.
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
  private final @Nullable InboxEngine inbox;
  private final Duration shutdownTimeout;
  /** Bodies whose dispatch in this receiver has not finished: a duplicate of one may still have to be handled. */
  private final ConcurrentHashMap<String, Boolean> inFlight = new ConcurrentHashMap<>();
  private final @Nullable ObservedCalls observed;

  private WebhookReceiver(Builder builder, WebhookParser parser, @Nullable AsyncDispatch async,
      @Nullable InboxEngine inbox) {
    this.parser = parser;
    this.verifier = builder.verifier;
    this.observed = builder.observer == null ? null : new ObservedCalls(builder.observer);
    WebhookListener application = Objects.requireNonNull(builder.listener, "listener");
    this.listener = observed == null ? application : observed.wrap(application);
    this.maxBodyBytes = parser.limits().maxBodyBytes();
    this.deduplicator = builder.deduplicator;
    this.async = async;
    this.inbox = inbox;
    this.shutdownTimeout = builder.shutdownTimeout;
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
    Optional<ReplayToken> replayToken;
    try {
      replayToken = verify(request);
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
    return inbox != null ? store(inbox, request, event, replayToken) : dispatch(request, event);
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

  /** Verifies the call; in inbox mode the table, not the verifier's guard, records the replay token. */
  private Optional<ReplayToken> verify(WebhookRequest request) {
    if (verifier == null) {
      return Optional.empty();
    }
    if (inbox != null) {
      return Optional.of(verifier.verifyExceptReplay(request));
    }
    verifier.verify(request);
    return Optional.empty();
  }

  private WebhookOutcome store(InboxEngine inbox, WebhookRequest request, WebhookEvent event,
      Optional<ReplayToken> replayToken) {
    switch (inbox.store(request, event, replayToken)) {
      case STORED:
        return WebhookOutcome.stored(event);
      case DUPLICATE:
        return WebhookOutcome.duplicate(event);
      case REPLAYED:
        return refuse(request, new WebhookException(
            Reason.REPLAYED, "this request was already accepted once (nonce in the inbox)"));
      default:
        WebhookException failure = new WebhookException(
            Reason.STORE_UNAVAILABLE, "the inbox database could not be reached; nothing was stored");
        ReceiverLog.refused(request, failure);
        return WebhookOutcome.storeUnavailable(event, failure, RETRY_AFTER_SECONDS);
    }
  }

  /** Whether events are handled on the receiver's own threads and calls answered 202. */
  public boolean isAsync() {
    return async != null;
  }

  /** The operations of this receiver's inbox, or empty when it has none. */
  public Optional<InboxOperations> inbox() {
    return inbox == null ? Optional.empty() : Optional.of(inbox.operations());
  }

  /**
   * Starts the inbox workers when they were not started by {@link Builder#build()} (settings with {@link
   * InboxSettings.Builder#autoStart(boolean) autoStart(false)}). Does nothing when they run already or
   * there is no inbox.
   */
  public void start() {
    if (inbox != null) {
      inbox.start();
    }
  }

  /**
   * Stops the receiver. An asynchronous receiver refuses new calls with 503, waits up to the shutdown
   * timeout for the queued events to be handled and logs how many were not. An inbox receiver stops
   * claiming rows, gives back the claimed rows no handler has started, and waits up to the shutdown timeout
   * for running handlers before it gives back their rows too. Does nothing for a synchronous receiver; a
   * second call does nothing.
   */
  @Override
  public void close() {
    if (async != null) {
      async.close();
    }
    if (inbox != null) {
      inbox.close(shutdownTimeout);
    }
  }

  private WebhookOutcome dispatch(WebhookRequest request, WebhookEvent event) {
    ContentKey key = ContentKey.claim(deduplicator, inFlight, request.body());
    if (key.isDuplicate()) {
      return WebhookOutcome.duplicate(event);
    }
    if (key.isInProgress()) {
      ReceiverLog.duplicateInProgress(request, event);
      return WebhookOutcome.duplicateInProgress(event, RETRY_AFTER_SECONDS);
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
      key.finish(handled);
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
        key.finish(handled);
      }
    });
    if (!queued) {
      key.finish(false);
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
    private @Nullable InboxSettings inboxSettings;
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
     * Turns on the durable inbox: a verified, parsed call is committed to the inbox table before it is
     * answered 200 ({@link WebhookOutcome.Kind#STORED}), and the inbox's workers call the listener from there
     * with retries. The table also de-duplicates bodies and refuses replayed nonces across every instance
     * that shares it, so neither {@link #deduplicate} nor {@link #async} may be combined with it (the
     * verifier's in-memory replay guard is not asked). {@link #build()} checks or creates the tables and
     * starts the workers; {@link WebhookReceiver#close()} stops them.
     */
    public Builder inbox(InboxSettings settings) {
      this.inboxSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Dispatches an event whose body was handled before only once: a duplicate is answered 200 (kind
     * {@link WebhookOutcome.Kind#DUPLICATE}). Off by default. A body is remembered once claimed; when its
     * handler fails (or it cannot be queued) it is forgotten again, so a retry is dispatched. A duplicate
     * that arrives while this receiver is still handling the first copy is answered 503 with {@code
     * Retry-After} ({@link WebhookOutcome.Kind#DUPLICATE_IN_PROGRESS}): the first copy may still fail, so the
     * sender must not be told it was handled.
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
     *     or with both; with the inbox and {@link #async} or {@link #deduplicate}; when the inbox tables are
     *     missing (the message names the table and the script to run)
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
      if (inboxSettings != null && asyncThreads > 0) {
        throw new IllegalStateException("both inbox(...) and async(...) were called: choose one; the inbox's"
            + " workers already answer at once and handle the events afterwards");
      }
      if (inboxSettings != null && deduplicator != null) {
        throw new IllegalStateException("both inbox(...) and deduplicate(...) were called: the inbox table"
            + " de-duplicates bodies itself, across instances; drop deduplicate(...)");
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
      InboxEngine inbox = inboxSettings != null ? InboxEngine.open(inboxSettings, configured, listener) : null;
      WebhookReceiver receiver = new WebhookReceiver(this, configured, async, inbox);
      if (inbox != null && inboxSettings.autoStart()) {
        inbox.start();
      }
      return receiver;
    }
  }
}
