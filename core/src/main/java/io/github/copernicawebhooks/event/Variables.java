package io.github.copernicawebhooks.event;

import java.util.Map;
import java.util.Optional;

/**
 * An ordered, immutable, case-sensitive view of named string values: an event's {@code fields} or
 * {@code parameters}.
 */
public final class Variables {
  // Contract only; the parser work fills in storage, equality, asMap() and as(Class).
  private Variables() {}

  /** The value of the named variable, if sent (an empty string is a value). */
  public Optional<String> get(String name) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** All values in the order received. */
  public Map<String, String> asMap() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Binds the values to a user type with Jackson, coercing strings to numbers, booleans and dates. */
  public <T> T as(Class<T> type) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
