package io.github.copernicawebhooks.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hides personal data from what the console sends when {@code mask-values} is on. Masking is the default:
 * only the variables in {@link #SHOWN} (ids, types, dates, tags and failure codes) are shown, and every
 * other value is masked, {@code fields[...]}, {@code parameters[...]}, {@code interests}, {@code recipient},
 * {@code ip}, {@code useragent}, {@code referer}, {@code original} and any variable Copernica adds later
 * included. Email addresses are masked anywhere. Masking happens on the server, so masked values never reach
 * the browser.
 *
 * <p>One instance per call shown: it remembers the values it masked, so that a message that quotes one is
 * masked too (see {@link MaskedText}).
 */
final class Masking {

  static final String MASK = "***";

  /**
   * The variables whose values may be shown, by Copernica's names and by the typed events' JSON names.
   * A value among them that looks like an email address is masked all the same.
   */
  static final Set<String> SHOWN = Set.of(
      "type", "action", "id", "profile", "subprofile", "database", "collection", "mailing",
      "timestamp", "time", "created", "modified", "tags", "state", "code", "extended",
      "event", "messageId", "profileId", "subprofileId", "databaseId", "collectionId", "mailingId", "instant");

  /** The property of a typed event that holds every variable by its name. */
  private static final String RAW = "raw";

  static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+'-]+(?:@|%40)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+", Pattern.CASE_INSENSITIVE);

  private final boolean on;
  private final Set<String> names = new HashSet<>();
  private final MaskedText text = new MaskedText(names);

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

  /** Says that every value of the call has been fed to this masking, so a handler error may be shown. */
  void sawEveryValue() {
    text.sawEveryValue();
  }

  /** The value of one variable as shown. */
  String variable(String name, String value) {
    if (!on) {
      return value;
    }
    learn(name);
    return isShown(name) ? shown(value) : masked(value);
  }

  /** A name as shown: only an email address in it is masked. */
  String name(String name) {
    return on ? EMAIL.matcher(name).replaceAll(MASK) : name;
  }

  /** Free text that does not quote the body (headers, the request target): addresses and long values masked. */
  String text(String text) {
    return on ? this.text.plain(text) : text;
  }

  /** A message of the parser, the verifier or Jackson: every value it quotes masked. */
  String message(String message) {
    return on ? text.message(message) : message;
  }

  /** A handler's error or stack trace: every value masked, or only the exception classes kept when unsure. */
  String handlerError(String error) {
    return on ? text.handlerError(error) : error;
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
        shown.append(name(pair));
        continue;
      }
      String value = pair.substring(equals + 1);
      String decoded = percentDecoded(value);
      String masked = variable(percentDecoded(pair.substring(0, equals)), decoded);
      shown.append(name(pair.substring(0, equals))).append('=').append(masked.equals(decoded) ? value : masked);
    }
    return shown.toString();
  }

  /** A JSON tree (a decoded body or a typed event) as shown; its properties are judged by their names. */
  JsonNode json(JsonNode node) {
    return on ? json(node, false) : node;
  }

  private JsonNode json(JsonNode node, boolean masked) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode shown = nodes.objectNode();
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String name = property.getKey();
        JsonNode value = property.getValue();
        learn(name);
        boolean container = name.equals(RAW) && value.isObject();
        shown.set(name(name), json(value, masked || !(container || isShown(name))));
      }
      return shown;
    }
    if (node.isArray()) {
      ArrayNode shown = nodes.arrayNode();
      node.forEach(element -> shown.add(json(element, masked)));
      return shown;
    }
    if (node.isString() || node.isNumber() || node.isBoolean()) {
      String value = node.asString();
      String shown = masked ? masked(value) : shown(value);
      return shown.equals(value) ? node : nodes.stringNode(shown);
    }
    return node;
  }

  private String shown(String value) {
    return EMAIL.matcher(value).find() ? masked(value) : value;
  }

  private String masked(String value) {
    if (value.isEmpty()) {
      return value;
    }
    text.secret(value);
    return MASK;
  }

  /** Remembers a variable's name and the segments of its brackets: a message may quote them, they are shown. */
  private void learn(String name) {
    names.add(name);
    names.addAll(VariableTree.path(name));
  }

  /** Whether a variable (or a JSON property) may be shown: by its name before any bracket. */
  static boolean isShown(String name) {
    int bracket = name.indexOf('[');
    return SHOWN.contains(bracket < 0 ? name : name.substring(0, bracket));
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
