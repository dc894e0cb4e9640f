package io.github.copernicawebhooks.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, ordered map of names to string values (an event's fields or parameters). A name sent twice
 * keeps its first position and its last value, as PHP does. Parsing only fills the arrays; the map is built
 * on first use and published through a final field, so the lazy initialisation is safe without locking.
 */
final class OrderedStrings extends AbstractMap<String, String> {

  private static final OrderedStrings EMPTY = new OrderedStrings(new String[0], new String[0], 0);

  private final String[] names;
  private final String[] values;
  private final int size;
  private @Nullable Built built;

  OrderedStrings(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /** The empty map. */
  static OrderedStrings empty() {
    return EMPTY;
  }

  /** An immutable, ordered copy of the map (the map itself when it already is one). */
  static OrderedStrings copyOf(Map<String, String> map) {
    if (map instanceof OrderedStrings) {
      return (OrderedStrings) map;
    }
    String[] names = new String[map.size()];
    String[] values = new String[map.size()];
    int i = 0;
    for (Map.Entry<String, String> entry : map.entrySet()) {
      names[i] = java.util.Objects.requireNonNull(entry.getKey(), "name");
      values[i] = java.util.Objects.requireNonNull(entry.getValue(), "value");
      i++;
    }
    return new OrderedStrings(names, values, i);
  }

  private Map<String, String> built() {
    Built current = built;
    if (current == null) {
      LinkedHashMap<String, String> map = new LinkedHashMap<>(Math.max(16, size * 4 / 3 + 1));
      for (int i = 0; i < size; i++) {
        map.put(names[i], values[i]);
      }
      current = new Built(map);
      built = current;
    }
    return current.map;
  }

  @Override
  public @Nullable String get(@Nullable Object key) {
    if (size <= 8) {
      for (int i = size - 1; i >= 0; i--) {
        if (names[i].equals(key)) {
          return values[i];
        }
      }
      return null;
    }
    return built().get(key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return built().entrySet();
  }

  @Override
  public int size() {
    return size == 0 ? 0 : built().size();
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  /** Holds the built map behind a final field, so that a racy publication still shows it complete. */
  private static final class Built {
    final Map<String, String> map;

    Built(LinkedHashMap<String, String> map) {
      this.map = Collections.unmodifiableMap(map);
    }
  }
}
