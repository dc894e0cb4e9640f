package io.github.copernicawebhooks.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An event's raw variables: an immutable map from full variable name to its values, in the order received.
 *
 * <p>Parsing only keeps the decoded body; the grouping by name is built on first use, because most
 * applications never look at the raw view. The grouped map is immutable and its publication through a
 * final field makes the lazy initialisation safe without locking (at worst two threads build equal maps).
 */
final class RawVariables extends AbstractMap<String, List<String>> {

  private final @Nullable DecodedBody body;
  private @Nullable Grouped grouped;

  RawVariables(DecodedBody body) {
    this.body = body;
  }

  private RawVariables(Grouped grouped) {
    this.body = null;
    this.grouped = grouped;
  }

  /** An immutable, ordered copy of the map (the map itself when it already is one). */
  static RawVariables copyOf(Map<String, List<String>> raw) {
    if (raw instanceof RawVariables) {
      return (RawVariables) raw;
    }
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    raw.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    return new RawVariables(new Grouped(copy));
  }

  private Map<String, List<String>> grouped() {
    Grouped current = grouped;
    if (current == null) {
      current = group();
      grouped = current;
    }
    return current.map;
  }

  private Grouped group() {
    DecodedBody decoded = body;
    if (decoded == null) {
      return new Grouped(new LinkedHashMap<>());
    }
    int size = decoded.size();
    LinkedHashMap<String, List<String>> map = new LinkedHashMap<>(Math.max(16, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      String name = decoded.name(i);
      List<String> list = map.get(name);
      if (list == null) {
        map.put(name, List.of(decoded.value(i)));
      } else {
        List<String> longer = new ArrayList<>(list.size() + 1);
        longer.addAll(list);
        longer.add(decoded.value(i));
        map.put(name, Collections.unmodifiableList(longer));
      }
    }
    return new Grouped(map);
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    return grouped().entrySet();
  }

  @Override
  public @Nullable List<String> get(@Nullable Object key) {
    return grouped().get(key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return grouped().containsKey(key);
  }

  @Override
  public int size() {
    return grouped().size();
  }

  /** Holds the grouped map behind a final field, so that a racy publication still shows it complete. */
  private static final class Grouped {
    final Map<String, List<String>> map;

    Grouped(LinkedHashMap<String, List<String>> map) {
      this.map = Collections.unmodifiableMap(map);
    }
  }
}
