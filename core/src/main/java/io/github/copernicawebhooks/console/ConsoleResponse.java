package io.github.copernicawebhooks.console;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the console answers; the adapter writes it as it is.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body bytes (not copied)
 * @param headers further headers, such as the security headers every answer carries
 */
public record ConsoleResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  /** Checks for nulls and copies the headers. */
  public ConsoleResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
