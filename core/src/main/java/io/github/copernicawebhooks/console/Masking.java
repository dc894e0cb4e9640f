package io.github.copernicawebhooks.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hides personal data from what the console sends when {@code mask-values} is on: every value of
 * {@code fields[...]} and {@code parameters[...]}, and every email address anywhere (other variables,
 * headers, the request target, handler errors and stack traces). Masking happens on the server, so
 * masked values never reach the browser. Ids, event types, dates and the verification result stay visible.
 *
 * <p>One instance per call shown: it remembers the values it masked in the body, so that a handler error
 * that quotes one ({@code "invalid email jane@example.com"}, {@code "unknown city Springfield"}) is masked too.
 */
final class Masking {

  static final String MASK = "***";

  /** Values this short are not searched for in free text: too many innocent matches. */
  private static final int MIN_SECRET_LENGTH = 4;

  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+'-]+(?:@|%40)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+", Pattern.CASE_INSENSITIVE);

  private final boolean on;
  private final Set<String> secrets = new LinkedHashSet<>();

  private Masking(boolean on) {
    this.on = on;
  }

  /** A masking for one call; feed it the call's variables with {@link #variable} before masking free text. */
  static Masking forCall(boolean on) {
    return new Masking(on);
  }

  boolean isOn() {
    return on;
  }

  /** The value of one variable as shown. */
  String variable(String name, String value) {
    if (!on) {
      return value;
    }
    if (isPersonal(name) || EMAIL.matcher(value).find()) {
      if (value.length() >= MIN_SECRET_LENGTH) {
        secrets.add(value);
      }
      return value.isEmpty() ? value : MASK;
    }
    return value;
  }

  /** Free text as shown: email addresses and every value masked so far replaced. */
  String text(String text) {
    if (!on) {
      return text;
    }
    String masked = text;
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    for (String secret : longestFirst) {
      masked = masked.replace(secret, MASK);
    }
    return EMAIL.matcher(masked).replaceAll(MASK);
  }

  /** A form-encoded body as shown: each pair kept as sent, except the values masked. */
  String formBody(String body) {
    if (!on) {
      return body;
    }
    StringBuilder shown = new StringBuilder(body.length());
    for (String pair : body.split("&", -1)) {
      if (shown.length() > 0) {
        shown.append('&');
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        shown.append(text(pair));
        continue;
      }
      String name = pair.substring(0, equals);
      String value = pair.substring(equals + 1);
      String decoded = percentDecoded(value);
      String masked = variable(percentDecoded(name), decoded);
      shown.append(text(name)).append('=').append(masked.equals(decoded) ? text(value) : masked);
    }
    return shown.toString();
  }

  /** A JSON tree (a decoded body or a typed event) as shown. */
  JsonNode json(JsonNode node) {
    return on ? json(node, false, false) : node;
  }

  private JsonNode json(JsonNode node, boolean personal, boolean rawVariables) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode masked = nodes.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        JsonNode value = field.getValue();
        if (rawVariables) {
          masked.set(text(name), rawValues(name, value));
        } else {
          masked.set(text(name), json(value, personal || isPersonal(name), name.equals("raw")));
        }
      }
      return masked;
    }
    if (node.isArray()) {
      ArrayNode masked = nodes.arrayNode();
      for (JsonNode element : node) {
        masked.add(json(element, personal, false));
      }
      return masked;
    }
    if (node.isString() || node.isNumber() || node.isBoolean()) {
      String text = node.asString();
      if (personal) {
        return nodes.stringNode(variable("fields", text));
      }
      return node.isString() ? nodes.stringNode(variable("", text)) : node;
    }
    return node;
  }

  /** The values of one entry of an event's {@code raw} map, masked by the variable's name. */
  private JsonNode rawValues(String name, JsonNode values) {
    if (!values.isArray()) {
      return json(values, isPersonal(name), false);
    }
    ArrayNode masked = JsonNodeFactory.instance.arrayNode();
    for (JsonNode value : values) {
      masked.add(variable(name, value.asString()));
    }
    return masked;
  }

  /** Whether a variable (or a JSON property) holds field values: {@code fields[...]}, {@code parameters}. */
  private static boolean isPersonal(String name) {
    int bracket = name.indexOf('[');
    String base = bracket < 0 ? name : name.substring(0, bracket);
    return base.equals("fields") || base.equals("parameters");
  }

  /** Percent-decoding that never fails: a broken escape stays as it is. */
  static String percentDecoded(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
