package io.github.copernicawebhooks.servlet;

import java.util.ArrayList;
import java.util.List;

/** Reads the messages of an exception and its causes and suppressed exceptions, as one text. */
final class Throwables {

  private Throwables() {}

  static String messages(Throwable throwable) {
    List<String> messages = new ArrayList<>();
    collect(throwable, messages, 0);
    return String.join("\n", messages);
  }

  private static void collect(Throwable throwable, List<String> messages, int depth) {
    if (depth > 20) {
      return;
    }
    messages.add(throwable.toString());
    for (Throwable suppressed : throwable.getSuppressed()) {
      collect(suppressed, messages, depth + 1);
    }
    if (throwable.getCause() != null && throwable.getCause() != throwable) {
      collect(throwable.getCause(), messages, depth + 1);
    }
  }
}
