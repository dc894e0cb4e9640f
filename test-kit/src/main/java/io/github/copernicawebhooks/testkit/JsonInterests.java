package io.github.copernicawebhooks.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON value of a builder's interests, in the shape their names were written in. */
final class JsonInterests {

  private JsonInterests() {}

  /** An array for {@code interests[]}, an object of arrays for groups, an object of 1/0 for flags. */
  static Object of(List<String[]> interests) {
    boolean allPlain = interests.stream().allMatch(pair -> pair[0].equals("interests[]"));
    if (allPlain) {
      List<String> names = new ArrayList<>();
      interests.forEach(pair -> names.add(pair[1]));
      return names;
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (String[] pair : interests) {
      String inside = pair[0].substring("interests[".length(), pair[0].length() - 1);
      if (inside.endsWith("][")) {
        String group = inside.substring(0, inside.length() - 2);
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) object.computeIfAbsent(group, key -> new ArrayList<String>());
        names.add(pair[1]);
      } else if (inside.isEmpty()) {
        throw new IllegalStateException("JSON cannot hold interests[]=x beside grouped or flagged interests");
      } else {
        object.put(inside, Integer.valueOf(pair[1]));
      }
    }
    return object;
  }
}
