package io.github.copernicawebhooks.jackson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.copernicawebhooks.event.Variables;
import java.util.Map;

/** {@link Variables} as a JSON object of strings, in order, and back through {@link Variables#of(Map)}. */
abstract class VariablesMixin {

  private VariablesMixin() {}

  @JsonCreator
  static Variables of(Map<String, String> values) {
    throw new UnsupportedOperationException("a mix-in: only its annotations are used");
  }

  @JsonValue
  abstract Map<String, String> asMap();
}
