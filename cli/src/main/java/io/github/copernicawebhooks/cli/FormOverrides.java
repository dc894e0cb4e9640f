package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces variables of a form body: {@code name=value} sets every value of {@code name} to one value in
 * the place of its first, or appends it. {@code fields.email} is short for {@code fields[email]}.
 */
final class FormOverrides {

  private FormOverrides() {}

  /** The body with the overrides applied in order; the other variables keep their order. */
  static String apply(String body, List<String> overrides) {
    if (overrides.isEmpty()) {
      return body;
    }
    Map<String, List<String>> variables = parse(body);
    for (String override : overrides) {
      int equals = override.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("--set needs name=value, got '" + override + "'");
      }
      variables.put(name(override.substring(0, equals)), List.of(override.substring(equals + 1)));
    }
    return WebhookBodies.encode(variables);
  }

  /** {@code a.b} as {@code a[b]}; a name with brackets as it is. */
  static String name(String given) {
    int dot = given.indexOf('.');
    if (dot <= 0 || given.indexOf('[') >= 0) {
      return given;
    }
    return given.substring(0, dot) + "[" + given.substring(dot + 1) + "]";
  }

  private static Map<String, List<String>> parse(String body) {
    Map<String, List<String>> variables = new LinkedHashMap<>();
    for (String pair : body.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      variables.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return variables;
  }

  private static String decode(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }
}
