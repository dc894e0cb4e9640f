package io.github.copernicawebhooks;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.SignatureVerifier;
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
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(SignatureVerifier.builder().accountIds("account_1234").build())
 *     .listener(WebhookDispatcher.builder().on(ProfileUpdated.class, this::onUpdate).build())
 *     .build();
 * WebhookOutcome outcome = receiver.receive(request);
 * }</pre>
 */
public final class WebhookReceiver {

  static final String VERIFICATION_FAILED = "signature verification failed";

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  private final WebhookParser parser;
  private final @Nullable SignatureVerifier verifier;
  private final WebhookListener listener;
  private final long maxBodyBytes;

  private WebhookReceiver(WebhookParser parser, @Nullable SignatureVerifier verifier, WebhookListener listener) {
    this.parser = parser;
    this.verifier = verifier;
    this.listener = listener;
    this.maxBodyBytes = parser.limits().maxBodyBytes();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Handles one call and tells the adapter what to answer. Never throws. */
  public WebhookOutcome receive(WebhookRequest request) {
    Optional<WebhookOutcome> refusal = screen(request, request.body().length);
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

  private WebhookOutcome dispatch(WebhookRequest request, WebhookEvent event) {
    try {
      listener.onEvent(event, request);
      return WebhookOutcome.handled(event);
    } catch (Exception exception) {
      ReceiverLog.handlerFailed(request, event, exception);
      return WebhookOutcome.handlerFailed(event);
    }
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

    private Builder() {}

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
      return new WebhookReceiver(configured, verifier, listener);
    }
  }
}
