package io.github.copernicawebhooks.event;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.internal.Parsing;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * An ordered, immutable, case-sensitive view of named string values: an event's {@code fields} or
 * {@code parameters}. A name sent twice keeps its first position and its last value, as PHP does.
 *
 * <pre>{@code
 * String email = update.fields().get("email").orElse("");
 * Customer customer = update.fields().as(Customer.class); // a record with String email, int age, ...
 * }</pre>
 */
public final class Variables {

  private static final Variables EMPTY = new Variables(Parsing.noValues());

  private final Map<String, String> values;

  private Variables(Map<String, String> values) {
    this.values = values;
  }

  /** No variables. */
  public static Variables empty() {
    return EMPTY;
  }

  /** The given names and values, in the map's iteration order (copied). */
  public static Variables of(Map<String, String> values) {
    Map<String, String> copy = Parsing.orderedCopy(values);
    return copy.isEmpty() ? EMPTY : new Variables(copy);
  }

  /** The value of the named variable, if sent (an empty string is a value). */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Whether no variables were sent. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** All values in the order received, as an immutable map. */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * Binds the values to a user type with Jackson, coercing strings to numbers, booleans and dates
   * ({@code 2024-01-31} for a {@code LocalDate}, {@code 2024-01-31 23:59:00} for a {@code LocalDateTime});
   * names the type does not declare are ignored.
   *
   * @throws WebhookException with {@link Reason#INVALID_VARIABLE} when a value does not fit the type
   */
  public <T> T as(Class<T> type) {
    try {
      return EventJson.MAPPER.convertValue(values, type);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new WebhookException(Reason.INVALID_VARIABLE,
          "variables do not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Variables && values.equals(((Variables) other).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
