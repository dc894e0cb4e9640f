package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of a call that are stored with it, as {@code name: value} lines: those the signature, the
 * parser and a person tracing the call need. Others (cookies, credentials of a proxy) are not kept.
 */
final class StoredHeaders {

  static final List<String> NAMES = List.of("content-type", "host", "date", "digest", "signature", "x-copernica-id",
      "x-nonce", "user-agent", "content-length", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto");

  private StoredHeaders() {}

  static String encode(WebhookRequest request) {
    StringBuilder text = new StringBuilder(512);
    for (String name : NAMES) {
      for (String value : request.headers(name)) {
        line(text, name, value);
      }
    }
    for (String value : request.headers("authorization")) {
      if (value.regionMatches(true, 0, "Signature ", 0, "Signature ".length())) {
        line(text, "authorization", value); // a signature in Authorization; any other scheme is a credential
      }
    }
    return text.toString();
  }

  static Map<String, List<String>> decode(String text) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        headers.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
      }
    }
    return headers;
  }

  private static void line(StringBuilder text, String name, String value) {
    String oneLine = value.replace('\r', ' ').replace('\n', ' ');
    text.append(name).append(": ").append(StorableText.of(oneLine)).append('\n');
  }
}
