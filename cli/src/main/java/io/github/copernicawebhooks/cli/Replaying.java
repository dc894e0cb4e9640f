package io.github.copernicawebhooks.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The headers of a captured call to send it again as it is. */
final class Replaying {

  // Set by the HTTP client from the connection and the body, or meaningless on a new connection.
  private static final Set<String> NOT_SENT =
      Set.of("content-length", "connection", "keep-alive", "transfer-encoding", "expect", "upgrade", "te");

  private Replaying() {}

  /**
   * The call's headers, Host among them so that a signature over the original host still verifies; a
   * repeated header is sent once, with its first value.
   */
  static Map<String, String> headersAsIs(CapturedCall call) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (CapturedCall.Header header : call.headers()) {
      if (!NOT_SENT.contains(header.name().toLowerCase(Locale.ROOT))) {
        headers.putIfAbsent(header.name(), header.value());
      }
    }
    return headers;
  }
}
