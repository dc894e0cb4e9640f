package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one call: its {@link Kind}, which fixes the HTTP status an adapter answers, a short
 * plain-text body and the response headers to send with it ({@code Allow}, {@code Retry-After}).
 *
 * <p>The kind is the one source of the status: {@link #status()} is {@code kind().status()}, and an outcome
 * refused for a {@link WebhookException} has the kind of its reason ({@link Kind#of(WebhookException.Reason)}).
 *
 * @param kind what happened, for the status, metrics and logs
 * @param message the short plain-text body; never contains a secret or a handler's exception
 * @param event the parsed event, when the call got that far
 * @param failure the reason the call was refused, when it was refused for a {@link WebhookException}
 * @param headers response headers to send, in order
 */
public record WebhookOutcome(
    Kind kind,
    String message,
    Optional<WebhookEvent> event,
    Optional<WebhookException> failure,
    Map<String, String> headers) {

  /** The {@code Retry-After} seconds of every 503 that carries one: the sender should try again soon. */
  static final long RETRY_AFTER_SECONDS = 5;

  /**
   * The canonical constructor.
   *
   * @throws IllegalArgumentException when the failure's reason belongs to another kind
   */
  public WebhookOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(failure, "failure");
    if (failure.isPresent() && Kind.of(failure.get().reason()) != kind) {
      throw new IllegalArgumentException(
          "a call refused for " + failure.get().reason() + " is " + Kind.of(failure.get().reason()) + ", not " + kind);
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The HTTP status to answer: that of the {@link #kind()}. */
  public int status() {
    return kind.status();
  }

  /** Whether the call was acknowledged (a 2xx status). */
  public boolean isSuccess() {
    return kind.status() >= 200 && kind.status() < 300;
  }

  /**
   * The answer of an adapter whose request body did not arrive in time (slower than its minimum rate, or
   * not complete by its deadline): {@link Kind#BODY_TIMEOUT}.
   */
  public static WebhookOutcome bodyTimeout() {
    return new WebhookOutcome(Kind.BODY_TIMEOUT, "request body arrived too slowly", Optional.empty(), Optional.empty(),
        Map.of());
  }

  /** The answer of an adapter whose request body could not be read (the connection failed): 400. */
  public static WebhookOutcome bodyUnreadable() {
    return new WebhookOutcome(Kind.MALFORMED, "request body could not be read", Optional.empty(), Optional.empty(),
        Map.of());
  }

  /**
   * The answer of an adapter that found no room for the body in its memory budget in time:
   * {@link Kind#MEMORY_BUDGET_EXHAUSTED}, with {@code Retry-After}.
   */
  public static WebhookOutcome memoryBudgetExhausted() {
    return new WebhookOutcome(Kind.MEMORY_BUDGET_EXHAUSTED, "busy, try again later", Optional.empty(),
        Optional.empty(), retryAfter());
  }

  static WebhookOutcome handled(WebhookEvent event) {
    return new WebhookOutcome(Kind.HANDLED, "ok", Optional.of(event), Optional.empty(), Map.of());
  }

  static WebhookOutcome duplicate(WebhookEvent event) {
    return new WebhookOutcome(Kind.DUPLICATE, "ok, already handled", Optional.of(event), Optional.empty(), Map.of());
  }

  static WebhookOutcome accepted(WebhookEvent event) {
    return new WebhookOutcome(Kind.ACCEPTED, "accepted", Optional.of(event), Optional.empty(), Map.of());
  }

  static WebhookOutcome queueFull(WebhookEvent event) {
    return new WebhookOutcome(
        Kind.QUEUE_FULL, "busy, try again later", Optional.of(event), Optional.empty(), retryAfter());
  }

  static WebhookOutcome stored(WebhookEvent event) {
    return new WebhookOutcome(Kind.STORED, "ok, stored", Optional.of(event), Optional.empty(), Map.of());
  }

  static WebhookOutcome spooled(WebhookEvent event) {
    return new WebhookOutcome(Kind.SPOOLED, "ok, stored", Optional.of(event), Optional.empty(), Map.of());
  }

  static WebhookOutcome storeUnavailable(WebhookEvent event, WebhookException failure) {
    return new WebhookOutcome(Kind.STORE_UNAVAILABLE, "inbox unavailable, try again later", Optional.of(event),
        Optional.of(failure), retryAfter());
  }

  static WebhookOutcome duplicateInProgress(WebhookEvent event) {
    return new WebhookOutcome(Kind.DUPLICATE_IN_PROGRESS, "the same event is being handled, try again later",
        Optional.of(event), Optional.empty(), retryAfter());
  }

  static WebhookOutcome handlerFailed(WebhookEvent event) {
    return new WebhookOutcome(Kind.HANDLER_FAILED, "handler failed", Optional.of(event), Optional.empty(), Map.of());
  }

  static WebhookOutcome internalError() {
    return new WebhookOutcome(Kind.INTERNAL_ERROR, "internal error", Optional.empty(), Optional.empty(), Map.of());
  }

  static WebhookOutcome refused(WebhookException failure, String message) {
    Kind kind = Kind.of(failure.reason());
    Map<String, String> headers = kind == Kind.METHOD_NOT_ALLOWED ? Map.of("Allow", "POST")
        : kind == Kind.REPLAY_GUARD_FULL ? retryAfter()
        : Map.of();
    return new WebhookOutcome(kind, message, Optional.empty(), Optional.of(failure), headers);
  }

  private static Map<String, String> retryAfter() {
    return Map.of("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
  }

  /** What happened to a call, one value per row of the HTTP contract; metrics count by it. */
  public enum Kind {
    /** The event was dispatched to the handlers (or to none, when nobody listens to its type): 200. */
    HANDLED(200),
    /** The event was seen before and not dispatched again: 200. */
    DUPLICATE(200),
    /** The event was queued for asynchronous handling: 202. */
    ACCEPTED(202),
    /** The method was not POST: 405 with {@code Allow: POST}. */
    METHOD_NOT_ALLOWED(405),
    /** The content type was neither form-urlencoded nor JSON: 415. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The body was larger than the limit: 413. */
    TOO_LARGE(413),
    /** The body was malformed, a required variable missing or invalid, or a parser limit hit: 400. */
    MALFORMED(400),
    /**
     * The body did not arrive in time: slower than the adapter's minimum rate, or not complete by its
     * deadline: 408, and the connection is closed.
     */
    BODY_TIMEOUT(408),
    /** The signature, digest, date, account id or replay check failed: 401. */
    REJECTED_SIGNATURE(401),
    /** The public key could not be looked up right now: 503, the sender may retry. */
    KEY_UNAVAILABLE(503),
    /** A handler threw: 500. */
    HANDLER_FAILED(500),
    /** The asynchronous queue was full: 503 with {@code Retry-After}. */
    QUEUE_FULL(503),
    /**
     * The adapter's memory budget for request bodies had no room for this body in time, so it was not read:
     * 503 with {@code Retry-After}.
     */
    MEMORY_BUDGET_EXHAUSTED(503),
    /** The replay guard had no room for the call's token: 503 with {@code Retry-After}. */
    REPLAY_GUARD_FULL(503),
    /** Something other than a handler failed unexpectedly (a bug): 500. */
    INTERNAL_ERROR(500),
    /** The call was committed to the inbox; its workers call the handlers: 200. */
    STORED(200),
    /**
     * The inbox database was away, slower than its time budget or known to be down, so the call was
     * appended to the local spool and forced to disk; it is moved into the inbox when the database is back:
     * 200.
     */
    SPOOLED(200),
    /**
     * The inbox database could not take the call and the spool was off, full or could not be written, so
     * nothing was stored: 503 with {@code Retry-After}.
     */
    STORE_UNAVAILABLE(503),
    /**
     * The same body is being handled right now (de-duplication without the inbox) and may still fail: 503
     * with {@code Retry-After}, so that the sender retries instead of being told it was handled.
     */
    DUPLICATE_IN_PROGRESS(503);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The HTTP status answered for this kind. */
    public int status() {
      return status;
    }

    /** The kind of a call refused for this reason; its {@link #status()} is the status answered for the reason. */
    public static Kind of(WebhookException.Reason reason) {
      switch (reason) {
        case METHOD_NOT_ALLOWED:
          return METHOD_NOT_ALLOWED;
        case UNSUPPORTED_CONTENT_TYPE:
          return UNSUPPORTED_MEDIA_TYPE;
        case BODY_TOO_LARGE:
          return TOO_LARGE;
        case KEY_UNAVAILABLE:
          return KEY_UNAVAILABLE;
        case REPLAY_GUARD_FULL:
          return REPLAY_GUARD_FULL;
        case STORE_UNAVAILABLE:
          return STORE_UNAVAILABLE;
        default:
          return reason.isVerificationFailure() ? REJECTED_SIGNATURE : MALFORMED;
      }
    }
  }
}
