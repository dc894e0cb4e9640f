package io.github.copernicawebhooks.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The page, its style sheet, script and icon, shipped in this jar beside this class. */
final class ConsolePage {

  private static final Map<String, String> TYPES = Map.of(
      "/console.css", "text/css;charset=UTF-8",
      "/console.js", "text/javascript;charset=UTF-8",
      "/icon.svg", "image/svg+xml");

  private static final String PAGE = new String(read("index.html"), StandardCharsets.UTF_8);
  private static final Map<String, byte[]> ASSETS = Map.of(
      "/console.css", read("console.css"),
      "/console.js", read("console.js"),
      "/icon.svg", read("icon.svg"));

  private ConsolePage() {}

  /** The page with the console's token and the extra POST headers in meta elements, for the script. */
  static byte[] page(String token, Map<String, String> postHeaders) {
    StringBuilder metas = new StringBuilder();
    postHeaders.forEach((name, value) -> metas.append("<meta name=\"copernica-console-post-header\" content=\"")
        .append(escape(name + ":" + value)).append("\">\n  "));
    return PAGE.replace("@TOKEN@", escape(token)).replace("<!--@POST_HEADERS@-->", metas.toString().trim())
        .getBytes(StandardCharsets.UTF_8);
  }

  static Optional<byte[]> asset(String path) {
    return Optional.ofNullable(ASSETS.get(path));
  }

  static String type(String path) {
    return TYPES.getOrDefault(path, "application/octet-stream");
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&':
          escaped.append("&amp;");
          break;
        case '<':
          escaped.append("&lt;");
          break;
        case '>':
          escaped.append("&gt;");
          break;
        case '"':
          escaped.append("&quot;");
          break;
        case '\'':
          escaped.append("&#39;");
          break;
        default:
          escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static byte[] read(String name) {
    try (InputStream in = ConsolePage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("console resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
