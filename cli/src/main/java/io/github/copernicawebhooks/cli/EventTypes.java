package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The event types {@code trigger} has an example of: the test kit's, by the simple name of the event class. */
final class EventTypes implements Iterable<String> {

  /** The example that stands for types the SDK does not know; its {@code type} is replaced. */
  static final String UNKNOWN = "UnknownEvent";

  @Override
  public Iterator<String> iterator() {
    return CopernicaTestSender.examples().keySet().iterator();
  }

  /** The example body of this type, the name matched without regard to case. */
  static Optional<String> example(String type) {
    for (Map.Entry<String, String> example : CopernicaTestSender.examples().entrySet()) {
      if (example.getKey().toLowerCase(Locale.ROOT).equals(type.toLowerCase(Locale.ROOT))) {
        return Optional.of(example.getValue());
      }
    }
    return Optional.empty();
  }
}
