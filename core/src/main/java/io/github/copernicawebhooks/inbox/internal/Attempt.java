package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.inbox.InboxSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Calls the listener for one claimed row, exactly as the receiver would for the original call. */
final class Attempt {

  static final int ERROR_LENGTH = 1000;
  static final int STACK_TRACE_LENGTH = 8000;

  private final WebhookParser parser;
  private final WebhookListener listener;
  private final Clock clock;
  private final int maxAttempts;

  Attempt(InboxSettings settings, WebhookParser parser, WebhookListener listener) {
    this.parser = parser;
    this.listener = listener;
    this.clock = settings.clock();
    this.maxAttempts = settings.maxAttempts();
  }

  /** Parses the stored body again and calls the listener; a failure of either is the attempt's error. */
  Completion run(ClaimedRow row) {
    long started = clock.millis();
    String event = "unparsed";
    try {
      WebhookRequest request = request(row);
      WebhookEvent parsed = parser.parse(row.body(), request.contentType().orElse(""));
      event = parsed.getClass().getSimpleName();
      listener.onEvent(parsed, request);
      return new Completion(row.id(), row.attempt(), started, clock.millis(), null, null);
    } catch (Throwable failure) { // an Error too: a StackOverflowError has unwound by now, and the row must end
      return failed(row, event, started, failure);
    }
  }

  private Completion failed(ClaimedRow row, String event, long started, Throwable failure) {
    InboxLog.handlerFailed(row.id(), row.attempt(), event, row.attempt() >= maxAttempts, failure);
    return new Completion(row.id(), row.attempt(), started, clock.millis(), error(failure), stackTrace(failure));
  }

  /** The stored call as a request, with the row id as its delivery id. */
  static WebhookRequest request(ClaimedRow row) {
    WebhookRequest.Builder builder = WebhookRequest.builder()
        .method(row.method())
        .target(row.target())
        .body(row.body())
        .deliveryId(Long.toString(row.id()));
    for (Map.Entry<String, List<String>> header : StoredHeaders.decode(row.headers()).entrySet()) {
      header.getValue().forEach(value -> builder.header(header.getKey(), value));
    }
    if (row.remoteAddress() != null) {
      builder.remoteAddress(row.remoteAddress());
    }
    return builder.build();
  }

  /** The class and message; the class alone when the exception's own message fails (user code may). */
  static String error(Throwable failure) {
    String name = failure.getClass().getName();
    try {
      String message = failure.getMessage();
      return shorten(name + (message == null ? "" : ": " + message), ERROR_LENGTH);
    } catch (RuntimeException broken) {
      return name;
    }
  }

  static @Nullable String stackTrace(Throwable failure) {
    try {
      StringWriter text = new StringWriter();
      failure.printStackTrace(new PrintWriter(text));
      return shorten(text.toString(), STACK_TRACE_LENGTH);
    } catch (RuntimeException broken) {
      return null;
    }
  }

  /** Bounds the text kept in memory; {@link StorableText} makes it storable and bounds it again when written. */
  static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }
}
