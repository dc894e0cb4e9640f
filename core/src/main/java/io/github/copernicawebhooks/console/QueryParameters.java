package io.github.copernicawebhooks.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Reads a {@link CallQuery} from the list's query parameters; a wrong one is a clear 400. */
final class QueryParameters {

  static final int MAX_TEXT = 200;

  private QueryParameters() {}

  /** A parameter the console cannot use, with the message for the 400. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String text;

    Invalid(String message) {
      super(message, null, false, false);
      this.text = message;
    }

    /** The message, never null. */
    String text() {
      return text;
    }
  }

  static CallQuery read(ConsoleRequest request) {
    Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
    for (String values : request.query().getOrDefault("outcome", java.util.List.of())) {
      for (String label : values.split(",")) {
        if (!label.isBlank()) {
          outcomes.add(Outcome.fromLabel(label).orElseThrow(() -> new Invalid(
              "outcome '" + shorten(label) + "' is not one of " + labels())));
        }
      }
    }
    return new CallQuery(outcomes, text(request, "eventType"), id(request), text(request, "messageId"),
        instant(request, "from"), instant(request, "to"),
        number(request, "offset", 0, 0, CallQuery.MAX_OFFSET),
        Math.min(number(request, "limit", CallQuery.DEFAULT_LIMIT, 1, Integer.MAX_VALUE), CallQuery.MAX_LIMIT));
  }

  private static Optional<String> text(ConsoleRequest request, String name) {
    Optional<String> value = request.parameter(name);
    if (value.isPresent() && value.get().length() > MAX_TEXT) {
      throw new Invalid(name + " is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static OptionalLong id(ConsoleRequest request) {
    Optional<String> value = request.parameter("id");
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get()));
    } catch (NumberFormatException notANumber) {
      throw new Invalid("id must be a whole number, not '" + shorten(value.get()) + "'");
    }
  }

  private static Optional<Instant> instant(ConsoleRequest request, String name) {
    Optional<String> value = request.parameter(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.get()));
    } catch (DateTimeParseException notAnInstant) {
      throw new Invalid(name + " must be an instant such as 2026-03-01T09:30:00Z, not '" + shorten(value.get()) + "'");
    }
  }

  private static int number(ConsoleRequest request, String name, int defaultValue, int min, int max) {
    Optional<String> value = request.parameter(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new Invalid(name + " must be a whole number from " + min + " to " + max + ", not '" + shorten(value.get()) + "'");
  }

  private static String labels() {
    StringBuilder labels = new StringBuilder();
    for (Outcome outcome : Outcome.values()) {
      labels.append(labels.length() == 0 ? "" : ", ").append(outcome.label());
    }
    return labels.toString();
  }

  private static String shorten(String text) {
    String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return shortened.replaceAll("\\p{Cntrl}", "?");
  }
}
