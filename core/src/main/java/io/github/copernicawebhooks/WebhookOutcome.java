package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one call: the status an adapter answers, a short plain-text body and the response
 * headers to send with it ({@code Allow}, {@code Retry-After}).
 *
 * @param status the HTTP status to answer
 * @param message the short plain-text body; never contains a secret or a handler's exception
 * @param event the parsed event, when the call got that far
 * @param failure the reason the call was refused, when it was refused for a {@link WebhookException}
 * @param kind what happened, for metrics and logs
 * @param headers response headers to send, in order
 */
public record WebhookOutcome(
    int status,
    String message,
    Optional<WebhookEvent> event,
    Optional<WebhookException> failure,
    Kind kind,
    Map<String, String> headers) {

  public WebhookOutcome {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(kind, "kind");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** An outcome without response headers, its kind derived from the failure or else the status. */
  public WebhookOutcome(
      int status, String message, Optional<WebhookEvent> event, Optional<WebhookException> failure) {
    this(status, message, event, failure, Kind.of(status, failure), Map.of());
  }

  /** Whether the call was acknowledged (a 2xx status). */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  static WebhookOutcome handled(WebhookEvent event) {
    return new WebhookOutcome(200, "ok", Optional.of(event), Optional.empty(), Kind.HANDLED, Map.of());
  }

  static WebhookOutcome duplicate(WebhookEvent event) {
    return new WebhookOutcome(
        200, "ok, already handled", Optional.of(event), Optional.empty(), Kind.DUPLICATE, Map.of());
  }

  static WebhookOutcome accepted(WebhookEvent event) {
    return new WebhookOutcome(202, "accepted", Optional.of(event), Optional.empty(), Kind.ACCEPTED, Map.of());
  }

  static WebhookOutcome queueFull(WebhookEvent event, long retryAfterSeconds) {
    return new WebhookOutcome(
        503, "busy, try again later", Optional.of(event), Optional.empty(), Kind.QUEUE_FULL,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static WebhookOutcome stored(WebhookEvent event) {
    return new WebhookOutcome(200, "ok, stored", Optional.of(event), Optional.empty(), Kind.STORED, Map.of());
  }

  static WebhookOutcome storeUnavailable(WebhookEvent event, WebhookException failure, long retryAfterSeconds) {
    return new WebhookOutcome(
        503, "inbox unavailable, try again later", Optional.of(event), Optional.of(failure), Kind.STORE_UNAVAILABLE,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static WebhookOutcome duplicateInProgress(WebhookEvent event, long retryAfterSeconds) {
    return new WebhookOutcome(
        503, "the same event is being handled, try again later", Optional.of(event), Optional.empty(),
        Kind.DUPLICATE_IN_PROGRESS, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static WebhookOutcome handlerFailed(WebhookEvent event) {
    return new WebhookOutcome(
        500, "handler failed", Optional.of(event), Optional.empty(), Kind.HANDLER_FAILED, Map.of());
  }

  static WebhookOutcome internalError() {
    return new WebhookOutcome(
        500, "internal error", Optional.empty(), Optional.empty(), Kind.INTERNAL_ERROR, Map.of());
  }

  static WebhookOutcome refused(WebhookException failure, String message) {
    Kind kind = Kind.of(failure.reason());
    Map<String, String> headers = kind == Kind.METHOD_NOT_ALLOWED ? Map.of("Allow", "POST")
        : kind == Kind.REPLAY_GUARD_FULL ? Map.of("Retry-After", Long.toString(WebhookReceiver.RETRY_AFTER_SECONDS))
        : Map.of();
    return new WebhookOutcome(
        failure.reason().httpStatus(), message, Optional.empty(), Optional.of(failure), kind, headers);
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
    /** The replay guard had no room for the call's token: 503 with {@code Retry-After}. */
    REPLAY_GUARD_FULL(503),
    /** Something other than a handler failed unexpectedly (a bug): 500. */
    INTERNAL_ERROR(500),
    /** The call was committed to the inbox; its workers call the handlers: 200. */
    STORED(200),
    /** The inbox database could not be reached and nothing was stored: 503 with {@code Retry-After}. */
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

    /** The kind of a call refused for this reason. */
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

    static Kind of(int status, Optional<WebhookException> failure) {
      if (failure.isPresent()) {
        return of(failure.get().reason());
      }
      switch (status) {
        case 202:
          return ACCEPTED;
        case 400:
          return MALFORMED;
        case 401:
          return REJECTED_SIGNATURE;
        case 405:
          return METHOD_NOT_ALLOWED;
        case 408:
          return BODY_TIMEOUT;
        case 413:
          return TOO_LARGE;
        case 415:
          return UNSUPPORTED_MEDIA_TYPE;
        case 500:
          return HANDLER_FAILED;
        case 503:
          return QUEUE_FULL;
        default:
          return status < 300 ? HANDLED : status < 500 ? MALFORMED : INTERNAL_ERROR;
      }
    }
  }
}
