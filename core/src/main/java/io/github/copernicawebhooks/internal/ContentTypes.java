package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the two body types, case-insensitively, with optional parameters such as a charset. A form may
 * be declared in any charset this Java runtime supports. JSON may be UTF-8, which RFC 8259 requires for
 * interchange, or, when declared, UTF-16 or UTF-32, which RFC 7159 still allowed; any other charset for JSON
 * is refused.
 */
final class ContentTypes {

  /** The form content type. */
  static final String FORM = "application/x-www-form-urlencoded";
  /** The JSON content type. */
  static final String JSON = "application/json";

  private static final Set<String> JSON_CHARSETS =
      Set.of("UTF-8", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE");

  private ContentTypes() {}

  /**
   * The body type and charset a content type declares.
   *
   * @throws WebhookException with {@link Reason#UNSUPPORTED_CONTENT_TYPE} for anything else, a charset this
   *     runtime does not know, or a charset JSON must not use
   */
  static BodyType of(@Nullable String contentType) {
    if (contentType == null) {
      throw unsupported("no content type");
    }
    if (contentType.equals(FORM)) {
      return BodyType.FORM; // the common case, without the case-insensitive comparison
    }
    int semicolon = contentType.indexOf(';');
    int end = semicolon < 0 ? contentType.length() : semicolon;
    String media = contentType.substring(0, end).trim();
    boolean json;
    if (media.equalsIgnoreCase(FORM)) {
      json = false;
    } else if (media.equalsIgnoreCase(JSON)) {
      json = true;
    } else {
      throw unsupported("content type '" + Texts.shorten(contentType) + "' is not supported");
    }
    Charset charset = semicolon < 0 ? StandardCharsets.UTF_8 : declaredCharset(contentType, semicolon + 1);
    if (charset.equals(StandardCharsets.UTF_8)) {
      return json ? BodyType.JSON : BodyType.FORM;
    }
    if (json && !JSON_CHARSETS.contains(charset.name())) {
      throw unsupported("charset '" + charset.name() + "' is not allowed: JSON must be UTF-8 (RFC 8259),"
          + " or UTF-16 or UTF-32 when declared");
    }
    return new BodyType(json, charset);
  }

  private static Charset declaredCharset(String contentType, int from) {
    Charset charset = StandardCharsets.UTF_8;
    for (String parameter : contentType.substring(from).split(";")) {
      int equals = parameter.indexOf('=');
      if (equals >= 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
        charset = named(unquoted(parameter.substring(equals + 1).trim()));
      }
    }
    return charset;
  }

  /** The charset of a name; US-ASCII is read as UTF-8, of which it is a subset, to stay on the fast path. */
  private static Charset named(String name) {
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
      throw unsupported("charset '" + Texts.shorten(name) + "' is not supported by this Java runtime");
    }
    return charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
  }

  private static String unquoted(String value) {
    boolean quoted = value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  private static WebhookException unsupported(String message) {
    return new WebhookException(Reason.UNSUPPORTED_CONTENT_TYPE, message);
  }
}
