package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import org.jspecify.annotations.Nullable;

/** Recognises the two body types, case-insensitively, with optional parameters such as a UTF-8 charset. */
final class ContentTypes {

  /** The form content type. */
  static final String FORM = "application/x-www-form-urlencoded";
  /** The JSON content type. */
  static final String JSON = "application/json";

  private ContentTypes() {}

  /**
   * Whether the content type is JSON ({@code true}) or form-urlencoded ({@code false}).
   *
   * @throws WebhookException with {@link Reason#UNSUPPORTED_CONTENT_TYPE} for anything else, including a
   *     charset other than UTF-8 (or its subset US-ASCII)
   */
  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      throw unsupported("no content type");
    }
    if (contentType.equals(FORM)) {
      return false; // the common case, without the case-insensitive comparison
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
    if (semicolon >= 0) {
      requireUtf8Charset(contentType, semicolon + 1);
    }
    return json;
  }

  private static void requireUtf8Charset(String contentType, int from) {
    for (String parameter : contentType.substring(from).split(";")) {
      int equals = parameter.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = parameter.substring(0, equals).trim();
      String value = unquoted(parameter.substring(equals + 1).trim());
      boolean utf8 = value.equalsIgnoreCase("utf-8") || value.equalsIgnoreCase("utf8")
          || value.equalsIgnoreCase("us-ascii");
      if (name.equalsIgnoreCase("charset") && !utf8) {
        throw unsupported("charset '" + Texts.shorten(value) + "' is not supported: only UTF-8");
      }
    }
  }

  private static String unquoted(String value) {
    boolean quoted = value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  private static WebhookException unsupported(String message) {
    return new WebhookException(Reason.UNSUPPORTED_CONTENT_TYPE, message);
  }
}
