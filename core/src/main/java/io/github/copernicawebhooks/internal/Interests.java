package io.github.copernicawebhooks.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the interest names of a profile from every shape a sender may use, in order, each name once:
 * {@code interests[]=x} and {@code interests[0]=x} (the value is the name), the map form
 * {@code interests[x]=1} (a name is an interest when its value is {@code 1}; {@code 0} or empty means not),
 * and the same shapes one level down under a group name ({@code interests[group][]=x},
 * {@code interests[group][x]=1}). A bracket segment that is empty or all digits is a list index.
 */
final class Interests {

  private static final int LINEAR_SEARCH_LIMIT = 32;
  private static final int SEGMENT_START = "interests[".length();

  private Interests() {}

  /** The interests of the {@code count} interest variables, the first at index {@code first}. */
  static List<String> of(DecodedBody body, int first, int count) {
    if (count == 0) {
      return List.of();
    }
    String[] names = new String[count];
    Set<String> seen = count > LINEAR_SEARCH_LIMIT ? new HashSet<>(count * 2) : null;
    int size = 0;
    for (int i = first, visited = 0; i < body.size() && visited < count; i++) {
      if (body.group(i) == DecodedBody.INTERESTS) {
        visited++;
        String name = interest(body, i);
        if (name != null && isNew(name, names, size, seen)) {
          names[size++] = name;
        }
      }
    }
    return List.of(size == names.length ? names : Arrays.copyOf(names, size));
  }

  private static boolean isNew(String name, String[] names, int size, @Nullable Set<String> seen) {
    if (seen != null) {
      return seen.add(name);
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String interest(DecodedBody body, int index) {
    String name = body.name(index);
    String value = body.value(index);
    int depth = body.depth(index);
    if (depth == 0) {
      return value.isEmpty() ? null : value;
    }
    if (depth > 2) {
      throw Values.invalid(name, value, "is nested deeper than interests[group][name]");
    }
    int segmentStart = depth == 1 ? SEGMENT_START : name.indexOf('[', SEGMENT_START) + 1;
    int segmentEnd = name.length() - 1;
    if (isListIndex(name, segmentStart, segmentEnd)) {
      return value.isEmpty() ? null : value;
    }
    if (value.equals("1")) {
      return name.substring(segmentStart, segmentEnd);
    }
    if (value.isEmpty() || value.equals("0")) {
      return null;
    }
    throw Values.invalid(name, value, "is neither 1 nor 0");
  }

  private static boolean isListIndex(String name, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
