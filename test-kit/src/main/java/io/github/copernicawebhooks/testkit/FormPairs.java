package io.github.copernicawebhooks.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The ordered name-value pairs a body builder sends, and what both builders make of them. */
final class FormPairs {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private FormPairs() {}

  /** Adds the pair when the value is set. */
  static void addIfSet(List<String[]> pairs, String name, @Nullable Object value) {
    if (value != null) {
      pairs.add(new String[] {name, value.toString()});
    }
  }

  /** The variables in the order they are sent, each name with its values. */
  static Map<String, List<String>> variables(List<String[]> pairs) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    pairs.forEach(pair -> result.computeIfAbsent(pair[0], name -> new ArrayList<>()).add(pair[1]));
    return result;
  }

  /** The form-urlencoded body, exactly as Copernica's PHP sends it. */
  static String encode(List<String[]> pairs) {
    StringBuilder body = new StringBuilder();
    for (String[] pair : pairs) {
      WebhookBodies.append(body, pair[0], pair[1]);
    }
    return body.toString();
  }
}
