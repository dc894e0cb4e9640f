package io.github.copernicawebhooks.internal;

/** Small helpers for error messages. */
final class Texts {

  private static final int MAX_SHOWN = 64;

  private Texts() {}

  /** The text itself, or its start followed by an ellipsis when it is too long for a message. */
  static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }
}
