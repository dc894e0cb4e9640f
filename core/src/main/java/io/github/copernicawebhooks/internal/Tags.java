package io.github.copernicawebhooks.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of an email event. Copernica sends them as text ({@code tags=a,b}); a PHP array or a JSON body
 * gives the list forms {@code tags[]=a} and {@code tags[0]=a}. Every value is split on commas; every tag is
 * trimmed, empty ones are dropped and each tag counts once, in the order first seen.
 */
final class Tags {

  private Tags() {}

  /** Whether variable {@code index} is {@code tags} or a one-level {@code tags[...]}. */
  static boolean isTag(DecodedBody body, int index) {
    return body.baseLength(index) == 4 && body.depth(index) <= 1 && body.name(index).startsWith("tags");
  }

  /** The tags in order, each once; {@code count} is the number of tag variables (0: none, no scan). */
  static List<String> of(DecodedBody body, int count) {
    if (count == 0) {
      return List.of();
    }
    Set<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < body.size(); i++) {
      if (isTag(body, i)) {
        addSplit(tags, body.value(i));
      }
    }
    return List.copyOf(tags);
  }

  private static void addSplit(Set<String> tags, String text) {
    int start = 0;
    while (start <= text.length()) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? text.length() : comma;
      String tag = text.substring(start, end).strip();
      if (!tag.isEmpty()) {
        tags.add(tag);
      }
      start = end + 1;
    }
  }
}
