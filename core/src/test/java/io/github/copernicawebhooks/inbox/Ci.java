package io.github.copernicawebhooks.inbox;

/** Whether the tests run on CI, where every test that needs a tool must find it. */
final class Ci {

  private Ci() {}

  /** The variable {@code CI} set to anything but empty, {@code false} or {@code 0}. */
  static boolean isCi() {
    String value = System.getenv("CI");
    return value != null && !value.isBlank() && !value.equalsIgnoreCase("false") && !value.equals("0");
  }
}
