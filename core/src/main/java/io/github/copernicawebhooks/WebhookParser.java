package io.github.copernicawebhooks;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.internal.BodyType;
import io.github.copernicawebhooks.internal.Parsing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Turns the body of a Copernica webhook call into a typed {@link WebhookEvent}. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse("type=update&profile=4711&...");
 * }</pre>
 *
 * <p>Form bodies ({@code application/x-www-form-urlencoded}) and JSON bodies ({@code application/json}, the
 * "decoded" shape of Copernica's documentation) give equal events. Every problem is a
 * {@link WebhookException} with a {@link WebhookException.Reason}; no other exception leaves {@code parse}.
 */
public final class WebhookParser {

  /** The zone of {@code timestamp}, {@code created} and {@code modified} unless configured otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

  private static final WebhookParser DEFAULT =
      new WebhookParser(DEFAULT_ZONE, ParserLimits.DEFAULTS, Clock.systemUTC());

  private final ZoneId zone;
  private final ParserLimits limits;
  private final Clock clock;

  private WebhookParser(ZoneId zone, ParserLimits limits, Clock clock) {
    this.zone = zone;
    this.limits = limits;
    this.clock = clock;
  }

  /** A parser with the default zone ({@link #DEFAULT_ZONE}) and limits ({@link ParserLimits#DEFAULTS}). */
  public static WebhookParser create() {
    return DEFAULT;
  }

  /** This parser with another zone for the local date-times. */
  public WebhookParser withZone(ZoneId zone) {
    return new WebhookParser(Objects.requireNonNull(zone, "zone"), limits, clock);
  }

  /** This parser with other limits. */
  public WebhookParser withLimits(ParserLimits limits) {
    return new WebhookParser(zone, Objects.requireNonNull(limits, "limits"), clock);
  }

  /**
   * This parser with another clock. The clock only dates an {@link io.github.copernicawebhooks.event.UnknownEvent}
   * that carries no usable {@code timestamp} or {@code time}, and an
   * {@link io.github.copernicawebhooks.event.EmailEvent} that carries neither; the default is the system clock.
   */
  public WebhookParser withClock(Clock clock) {
    return new WebhookParser(zone, limits, Objects.requireNonNull(clock, "clock"));
  }

  /** The limits that protect this parser from hostile bodies. */
  public ParserLimits limits() {
    return limits;
  }

  /** The zone in which {@code timestamp}, {@code created} and {@code modified} are read. */
  public ZoneId zone() {
    return zone;
  }

  /** The clock that dates unknown and email events without a time. */
  public Clock clock() {
    return clock;
  }

  /** Parses a form-urlencoded body (its UTF-8 bytes; characters need not be percent-encoded). */
  public WebhookEvent parse(String formBody) {
    return parse(formBody.getBytes(StandardCharsets.UTF_8), BodyType.FORM);
  }

  /**
   * Parses a body of the given content type: {@code application/x-www-form-urlencoded} or
   * {@code application/json}, case-insensitive, with optional parameters. Without a {@code charset} the body
   * is UTF-8. A form may declare any charset this Java runtime supports: its bytes, and the bytes its
   * percent-escapes stand for, are decoded in it. JSON may declare UTF-8, or UTF-16 or UTF-32 (RFC 8259 allows
   * only UTF-8 between systems; RFC 7159 still allowed the others).
   *
   * @throws WebhookException with the reason the body cannot be accepted: {@link Reason#UNSUPPORTED_CONTENT_TYPE}
   *     for another content type, a charset this runtime does not know, or JSON in another charset
   */
  public WebhookEvent parse(byte[] body, String contentType) {
    return parse(body, Parsing.bodyType(contentType));
  }

  private WebhookEvent parse(byte[] body, BodyType type) {
    if (body.length > limits.maxBodyBytes()) {
      throw tooLarge();
    }
    return Parsing.event(body, type, limits, zone, clock);
  }

  /**
   * Reads at most {@link ParserLimits#maxBodyBytes()} bytes from the stream and parses them. A longer body
   * is refused ({@link Reason#BODY_TOO_LARGE}) without reading more than one byte past the limit. The stream
   * is not closed.
   */
  public WebhookEvent parse(InputStream body, String contentType) {
    BodyType type = Parsing.bodyType(contentType); // before reading: an unsupported body is not read at all
    int limit = (int) Math.min(limits.maxBodyBytes(), Integer.MAX_VALUE - 16);
    byte[] bytes;
    try {
      bytes = body.readNBytes(limit + 1);
    } catch (IOException e) {
      throw new WebhookException(Reason.MALFORMED_BODY, "the body could not be read: " + e.getMessage(), e);
    }
    if (bytes.length > limit) {
      throw tooLarge();
    }
    return parse(bytes, type);
  }

  private WebhookException tooLarge() {
    return new WebhookException(Reason.BODY_TOO_LARGE,
        "the body is larger than " + limits.maxBodyBytes() + " bytes");
  }

  @Override
  public String toString() {
    return "WebhookParser[zone=" + zone + ", limits=" + limits + "]";
  }
}
