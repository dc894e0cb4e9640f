package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.io.InputStream;
import java.time.ZoneId;

/**
 * Turns the body of a Copernica webhook call into a typed {@link WebhookEvent}. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse("type=update&profile=4711&...");
 * }</pre>
 */
public final class WebhookParser {
  // Contract only; the parser work replaces the bodies.

  /** The zone of {@code timestamp}, {@code created} and {@code modified} unless configured otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

  private WebhookParser() {}

  /** A parser with the default zone and limits. */
  public static WebhookParser create() {
    return new WebhookParser();
  }

  /** This parser with another zone for the local date-times. */
  public WebhookParser withZone(ZoneId zone) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** This parser with other limits. */
  public WebhookParser withLimits(ParserLimits limits) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public ParserLimits limits() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public ZoneId zone() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Parses a form-urlencoded body. */
  public WebhookEvent parse(String formBody) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Parses a body of the given content type (form-urlencoded or JSON). */
  public WebhookEvent parse(byte[] body, String contentType) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Reads at most {@link ParserLimits#maxBodyBytes()} bytes from the stream and parses them. */
  public WebhookEvent parse(InputStream body, String contentType) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
