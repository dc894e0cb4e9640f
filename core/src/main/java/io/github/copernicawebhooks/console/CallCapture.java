package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a call into a bounded {@link RecordedCall}: what is kept, shortened or hidden is decided here. */
final class CallCapture {

  static final int MAX_HEADERS = 64;
  static final int MAX_HEADER_CHARS = 2048;
  static final int MAX_ERROR_CHARS = 1024;
  static final int MAX_STACK_TRACE_CHARS = 16 * 1024;
  static final int SIGNATURE_PREFIX = 12;

  /**
   * The headers whose values the console shows: Copernica's wire contract, the usual transport headers, and
   * the proxy headers that explain a verification failure behind a proxy. Any other value (a gateway's
   * credential such as {@code Cf-Access-Jwt-Assertion} or {@code X-Amzn-Oidc-Data}, a cookie, an API key) is
   * shown only as its length, whatever its name.
   */
  static final Set<String> SHOWN = Set.of("host", "content-type", "content-length", "content-encoding",
      "transfer-encoding", "user-agent", "date", "digest", "signature", "x-copernica-id", "x-nonce", "accept",
      "accept-encoding", "connection", "expect", "forwarded", "x-forwarded-for", "x-forwarded-proto",
      "x-forwarded-host", "x-forwarded-port", "x-real-ip", "via");
  private static final Pattern SIGNATURE_VALUE = Pattern.compile("(signature\\s*=\\s*\")([^\"]*)(\")",
      Pattern.CASE_INSENSITIVE);

  private CallCapture() {}

  static RecordedCall capture(long id, Instant answeredAt, WebhookRequest request, WebhookOutcome outcome,
      Optional<Exception> failure, int maxBodyBytes) {
    byte[] full = request.body();
    byte[] kept = full.length <= maxBodyBytes ? full.clone() : Arrays.copyOf(full, maxBodyBytes);
    Optional<WebhookEvent> event = full.length <= maxBodyBytes ? outcome.event() : Optional.empty();
    Outcome console = Outcome.of(outcome);
    return new RecordedCall(id, answeredAt, request.method(), bounded(request.target(), MAX_HEADER_CHARS),
        request.remoteAddress(), headers(request), kept, full.length, outcome.status(), outcome.kind().name(),
        console, outcome.failure().map(WebhookException::reason),
        outcome.failure().map(exception -> bounded(String.valueOf(exception.getMessage()), MAX_ERROR_CHARS)),
        outcome.event().map(EventIds::of).orElse(EventIds.NONE), event, attempts(answeredAt, console, failure));
  }

  /** A call handled while it was answered has had one attempt; a refused or queued one none yet. */
  private static List<Attempt> attempts(Instant answeredAt, Outcome outcome, Optional<Exception> failure) {
    if (outcome == Outcome.HANDLED) {
      return List.of(attempt(1, answeredAt, answeredAt, Optional.empty()));
    }
    if (outcome == Outcome.FAILED) {
      return List.of(attempt(1, answeredAt, answeredAt, failure));
    }
    return List.of();
  }

  static Attempt attempt(int number, Instant startedAt, Instant endedAt, Optional<Exception> failure) {
    return new Attempt(number, startedAt, endedAt, failure.isEmpty(),
        failure.map(exception -> bounded(exception.toString(), MAX_ERROR_CHARS)),
        failure.map(CallCapture::stackTrace), Optional.empty());
  }

  static List<Header> headers(WebhookRequest request) {
    List<Header> headers = new ArrayList<>();
    for (String name : request.headerNames()) {
      for (String value : request.headers(name)) {
        if (headers.size() == MAX_HEADERS) {
          return headers;
        }
        headers.add(new Header(name, shown(name, value)));
      }
    }
    return headers;
  }

  /** A header value as shown: signatures shortened, any header not in {@link #SHOWN} replaced by its length. */
  static String shown(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("signature")) {
      return bounded(shortenSignature(value), MAX_HEADER_CHARS);
    }
    if (lower.equals("authorization")) {
      return value.regionMatches(true, 0, "Signature ", 0, "Signature ".length())
          ? bounded(shortenSignature(value), MAX_HEADER_CHARS)
          : "(hidden, " + value.length() + " characters)";
    }
    return SHOWN.contains(lower) ? bounded(value, MAX_HEADER_CHARS) : "(hidden, " + value.length() + " characters)";
  }

  /** Keeps the first characters of the {@code signature="..."} parameter, so one call can be told from another. */
  static String shortenSignature(String value) {
    Matcher matcher = SIGNATURE_VALUE.matcher(value);
    StringBuilder shortened = new StringBuilder();
    while (matcher.find()) {
      String signature = matcher.group(2);
      String replacement = signature.length() <= SIGNATURE_PREFIX
          ? signature
          : signature.substring(0, SIGNATURE_PREFIX) + "…(" + signature.length() + " characters)";
      matcher.appendReplacement(shortened, Matcher.quoteReplacement(matcher.group(1) + replacement + matcher.group(3)));
    }
    matcher.appendTail(shortened);
    return shortened.toString();
  }

  static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return bounded(text.toString(), MAX_STACK_TRACE_CHARS);
  }

  static String bounded(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…(" + (text.length() - max) + " more characters)";
  }
}
