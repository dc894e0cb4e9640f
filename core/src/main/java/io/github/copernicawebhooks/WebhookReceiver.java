package io.github.copernicawebhooks;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.internal.LogLimiter;
import io.github.copernicawebhooks.internal.Parsing;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.internal.Inbox;
import io.github.copernicawebhooks.inbox.internal.InboxEngine;
import io.github.copernicawebhooks.signature.ReplayToken;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.VerifiedHead;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * committed to a table in the application's database and answered 200 after the commit; while the database
 * is away or slower than its time budget the call is appended to a local spool, forced to disk and answered
 * 200, and moved into the table when the database is back (503 with {@code Retry-After} only when the spool
 * is full or cannot be written); workers on every instance call the listener from
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
 *
 * <p>Adapters that read the body themselves first {@linkplain #screen screen} the head, so that calls which
 * cannot be genuine are refused before their body is read, and then hand the body to {@link
 * #receive(Screening, byte[])}; the signature is verified once either way.
 */
public final class WebhookReceiver implements AutoCloseable {

  static final String VERIFICATION_FAILED = "signature verification failed";


  /** How long {@link #close()} waits for queued events unless configured otherwise. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private static final Runnable NOTHING = () -> { };

  private final WebhookParser parser;
  private final @Nullable SignatureVerifier verifier;
  private final WebhookListener listener;
  private final long maxBodyBytes;
  private final @Nullable EventDeduplicator deduplicator;
  private final @Nullable AsyncDispatch async;
  private final LogLimiter refusals = ReceiverLog.refusalLimiter();
  private final @Nullable Inbox inbox;
  private final Duration shutdownTimeout;
  /** Bodies whose dispatch in this receiver has not finished: a duplicate of one may still have to be handled. */
  private final ConcurrentHashMap<String, Boolean> inFlight = new ConcurrentHashMap<>();
  private final @Nullable ObservedCalls observed;

  private WebhookReceiver(Builder builder, WebhookParser parser, @Nullable AsyncDispatch async,
      @Nullable Inbox inbox) {
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

  /**
   * Handles one call and tells the adapter what to answer. Never throws. The same as {@link #screen} with
   * the body's length followed by {@link #receive(Screening, byte[])}: every check runs, each once.
   */
  public WebhookOutcome receive(WebhookRequest request) {
    return receive(screen(request, request.body().length), request.body());
  }

  /**
   * Handles a call whose head {@link #screen} admitted, with its body, and tells the adapter what to
   * answer. Never throws for the call itself. Runs the checks that need the body (its size, the
   * {@code Digest} and then the replay guard, when signatures are verified), parses and dispatches; the
   * signature was verified by {@code screen} and is not verified again. The request handed to the listener
   * is the screened head with this body.
   *
   * @param screening what {@link #screen} returned for the call's head; a refusal is returned as it is
   * @param body the raw body bytes exactly as received; kept, not copied
   * @throws IllegalArgumentException when {@code screening} comes from another receiver
   */
  public WebhookOutcome receive(Screening screening, byte[] body) {
    return receive(screening, body, NOTHING);
  }

  /**
   * Handles a call like {@link #receive(Screening, byte[])} and runs {@code bodyReleased} once the receiver
   * holds neither the call's body nor its event any longer: before this method returns, except for an event
   * queued for asynchronous handling (answered 202), whose handler has then finished, or which was dropped
   * when the receiver closed. Runs it exactly once, also when a handler throws an {@link Error}. Adapters that
   * bound the memory held by bodies give their reservation back there.
   *
   * @param bodyReleased quick code that must not throw, such as giving back a memory reservation
   * @throws IllegalArgumentException when {@code screening} comes from another receiver
   */
  public WebhookOutcome receive(Screening screening, byte[] body, Runnable bodyReleased) {
    BodyRelease release = new BodyRelease(Objects.requireNonNull(bodyReleased, "bodyReleased"));
    try {
      return handle(screening, body, release);
    } finally {
      if (!release.queued) {
        release.run();
      }
    }
  }

  private WebhookOutcome handle(Screening screening, byte[] body, BodyRelease release) {
    if (screening.receiver != this) {
      throw new IllegalArgumentException("the screening comes from another WebhookReceiver");
    }
    if (screening.refusal != null) {
      return screening.refusal;
    }
    WebhookRequest request = body == screening.head.body() ? screening.head : screening.head.withBody(body);
    return observed == null
        ? complete(screening, request, body, release)
        : observed.receive(request, call -> complete(screening, call, body, release));
  }

  private WebhookOutcome complete(Screening screening, WebhookRequest request, byte[] body, BodyRelease release) {
    if (body.length > maxBodyBytes) {
      return refuse(request, tooLarge(body.length));
    }
    Optional<ReplayToken> replayToken;
    try {
      replayToken = verifyBody(screening, body);
    } catch (WebhookException failure) {
      return refuse(request, failure);
    } catch (RuntimeException unexpected) {
      ReceiverLog.internalError(request, "signature verification", unexpected);
      return WebhookOutcome.internalError();
    }
    WebhookEvent event;
    try {
      event = parser.parse(body, request.contentType().orElse(""));
    } catch (WebhookException failure) {
      return refuse(request, failure);
    } catch (RuntimeException unexpected) {
      ReceiverLog.internalError(request, "parsing", unexpected);
      return WebhookOutcome.internalError();
    }
    return inbox != null ? store(inbox, request, event, replayToken) : dispatch(request, event, release);
  }

  /**
   * Runs every check that needs no body, so that a call which will be refused is refused before its body is
   * read or memory is set aside for it: method, content type, declared size and, when signatures are
   * verified, everything about the signature that the head shows ({@link SignatureVerifier#verifyHead}:
   * the signature headers, account id, {@code Date} window, key and RSA signature). Adapters call it before
   * reading the body and pass the result, with the body, to {@link #receive(Screening, byte[])}.
   *
   * @param head the call; its body is not looked at
   * @param bodyLength the body size in bytes: the {@code Content-Length}, or the bytes counted so far;
   *     {@code -1} when not known yet
   * @return the screening: a refusal, already logged, or the go-ahead to read the body
   */
  public Screening screen(WebhookRequest head, long bodyLength) {
    Screening screening = check(head, bodyLength);
    if (observed != null && screening.refusal != null) {
      observed.screened(head, screening.refusal);
    }
    return screening;
  }

  private Screening check(WebhookRequest head, long bodyLength) {
    Optional<WebhookException> failure = cheapRefusal(head, bodyLength);
    if (failure.isPresent()) {
      return Screening.refused(this, head, refuse(head, failure.get()));
    }
    if (verifier == null) {
      return Screening.admitted(this, head, null);
    }
    try {
      return Screening.admitted(this, head, verifier.verifyHead(head));
    } catch (WebhookException refused) {
      return Screening.refused(this, head, refuse(head, refused));
    } catch (RuntimeException unexpected) {
      ReceiverLog.internalError(head, "signature verification", unexpected);
      return Screening.refused(this, head, WebhookOutcome.internalError());
    }
  }

  private Optional<WebhookException> cheapRefusal(WebhookRequest head, long bodyLength) {
    if (!"POST".equals(head.method())) {
      return Optional.of(new WebhookException(Reason.METHOD_NOT_ALLOWED, "method " + head.method() + " is not POST"));
    }
    try {
      Parsing.isJson(head.contentType().orElse(null));
    } catch (WebhookException unsupported) {
      return Optional.of(unsupported);
    }
    if (bodyLength > maxBodyBytes) {
      return Optional.of(tooLarge(bodyLength));
    }
    return Optional.empty();
  }

  private WebhookException tooLarge(long bodyLength) {
    return new WebhookException(
        Reason.BODY_TOO_LARGE, "body of " + bodyLength + " bytes or more exceeds " + maxBodyBytes);
  }

  /** The largest body this receiver accepts, so adapters can refuse bigger ones before reading. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Whether signatures are verified; {@code false} only after {@link Builder#signatureOff()}. */
  public boolean verifiesSignatures() {
    return verifier != null;
  }

  /**
   * The cryptographic provider that verifies signatures, such as {@code AmazonCorrettoCryptoProvider 2.5.0},
   * or empty when signatures are not verified.
   */
  public Optional<String> signatureProvider() {
    return Optional.ofNullable(verifier).map(SignatureVerifier::providerName);
  }

  /**
   * Completes the verification with the body; in inbox mode the table, not the verifier's guard, records the
   * replay token, so the token is returned instead.
   */
  private Optional<ReplayToken> verifyBody(Screening screening, byte[] body) {
    if (verifier == null) {
      return Optional.empty();
    }
    VerifiedHead head = Objects.requireNonNull(screening.verifiedHead, "verified head");
    if (inbox != null) {
      return Optional.of(verifier.verifyBodyExceptReplay(head, body));
    }
    verifier.verifyBody(head, body);
    return Optional.empty();
  }

  /**
   * A duplicate is answered 200 even while its first copy is still being handled: the inbox row (or the
   * spool) holds that copy, and its workers retry it until it is handled, so this one adds nothing.
   */
  private WebhookOutcome store(Inbox inbox, WebhookRequest request, WebhookEvent event,
      Optional<ReplayToken> replayToken) {
    InboxEngine.StoreResult result = inbox.store(request, event, replayToken);
    switch (result) {
      case STORED:
        return WebhookOutcome.stored(event);
      case SPOOLED:
        return WebhookOutcome.spooled(event);
      case DUPLICATE:
        return WebhookOutcome.duplicate(event);
      case REPLAYED:
        return refuse(request, new WebhookException(
            Reason.REPLAYED, "this request was already accepted once (nonce in the inbox)"));
      default:
        WebhookException failure = new WebhookException(Reason.STORE_UNAVAILABLE, inbox.operations().state()
            .spoolEnabled() ? "the inbox database could not be reached and the spool is full or cannot be written;"
            + " nothing was stored" : "the inbox database could not be reached; nothing was stored");
        ReceiverLog.refused(refusals, request, failure);
        return WebhookOutcome.storeUnavailable(event, failure);
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

  private WebhookOutcome dispatch(WebhookRequest request, WebhookEvent event, BodyRelease release) {
    DeduplicationClaim claim = DeduplicationClaim.claim(deduplicator, inFlight, request.body());
    if (claim.isDuplicate()) {
      return WebhookOutcome.duplicate(event);
    }
    if (claim.isInProgress()) {
      ReceiverLog.duplicateInProgress(refusals, request, event);
      return WebhookOutcome.duplicateInProgress(event);
    }
    if (async != null) {
      return dispatchLater(async, request, event, claim, release);
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
      claim.finish(handled);
    }
  }

  /**
   * Queues the event with its call, which the listener may read (and which holds the body until then): the
   * body is released when the handler has finished, not when the call is answered.
   */
  private WebhookOutcome dispatchLater(
      AsyncDispatch async, WebhookRequest request, WebhookEvent event, DeduplicationClaim claim, BodyRelease release) {
    boolean queued = async.submit(() -> {
      boolean handled = false;
      try {
        listener.onEvent(event, request);
        handled = true;
      } catch (Exception exception) {
        ReceiverLog.asyncHandlerFailed(request, event, exception);
      } finally {
        try {
          claim.finish(handled);
        } finally {
          release.run();
        }
      }
    }, () -> {
      try {
        claim.finish(false);
      } finally {
        release.run();
      }
    });
    if (!queued) {
      claim.finish(false);
      ReceiverLog.queueFull(refusals, request, event);
      return WebhookOutcome.queueFull(event);
    }
    release.queued = true;
    return WebhookOutcome.accepted(event);
  }

  private WebhookOutcome refuse(WebhookRequest request, WebhookException failure) {
    ReceiverLog.refused(refusals, request, failure);
    return WebhookOutcome.refused(failure, publicMessage(failure));
  }

  /** The body sent back: never a detail of a failed verification, which would help an attacker. */
  private String publicMessage(WebhookException failure) {
    switch (failure.reason()) {
      case METHOD_NOT_ALLOWED:
        return "method not allowed: use POST";
      case UNSUPPORTED_CONTENT_TYPE:
        return "unsupported content type: use " + Parsing.FORM + " or " + Parsing.JSON;
      case BODY_TOO_LARGE:
        return "body larger than " + maxBodyBytes + " bytes";
      case KEY_UNAVAILABLE:
        return "signature key unavailable, try again later";
      case REPLAY_GUARD_FULL:
        return "busy, try again later";
      default:
        return failure.reason().isVerificationFailure() ? VERIFICATION_FAILED : failure.getMessage();
    }
  }

  /**
   * The adapter's callback for the end of a call's hold on its body: run once, by the thread that lets go
   * last (the caller of {@code receive}, or the asynchronous handler's thread once the event was queued).
   */
  private static final class BodyRelease implements Runnable {
    private final Runnable callback;
    private final AtomicBoolean done = new AtomicBoolean();
    volatile boolean queued;

    BodyRelease(Runnable callback) {
      this.callback = callback;
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        callback.run();
      }
    }
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
     * with retries. While the database is away or slower than its time budget, the call is appended to a
     * local spool and forced to disk instead, answered 200 ({@link WebhookOutcome.Kind#SPOOLED}), and moved
     * into the table once the database is back (see {@link InboxSettings.Builder#spool}). The table also
     * de-duplicates bodies and refuses replayed nonces across every instance that shares it, so neither
     * {@link #deduplicate} nor {@link #async} may be combined with it (the verifier's in-memory replay guard
     * is not asked); a duplicate is answered 200 even while its first copy is still being handled, since
     * the table holds that copy. {@link #build()} checks or creates the tables (in the background when the
     * database cannot be reached and the spool is on) and starts the workers; {@link
     * WebhookReceiver#close()} stops them.
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
      InboxSettings inboxed = inboxSettings;
      Inbox inbox = inboxed != null ? Inbox.open(inboxed, configured, listener) : null;
      boolean autoStart = inboxed != null && inboxed.autoStart();
      WebhookReceiver receiver = new WebhookReceiver(this, configured, async, inbox);
      if (inbox != null && autoStart) {
        inbox.start();
      }
      return receiver;
    }
  }
}
