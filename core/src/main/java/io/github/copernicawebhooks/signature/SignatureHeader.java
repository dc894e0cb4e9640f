package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a {@code Signature} header (or of {@code Authorization: Signature ...}).
 *
 * <p>Tolerant of the spellings seen in the wild: parameter names in any case, values quoted or bare,
 * separated by a comma, spaces, both, or nothing at all (Copernica's documented example has no comma
 * before {@code signature=}). Strict where ambiguity could be abused: a parameter given twice, text that
 * is not a parameter, or a broken quote is malformed.
 */
record SignatureHeader(Map<String, String> parameters) {

  /** The signed headers when the {@code headers} parameter is absent (draft -10 §2.1.3). */
  static final List<String> DEFAULT_HEADERS = List.of("date");

  private static final String AUTHORIZATION_SCHEME = "signature ";

  SignatureHeader {
    parameters = Map.copyOf(parameters);
  }

  /** The {@code keyId} parameter; empty when given empty (the verifier refuses it as an invalid key id). */
  String keyId() {
    String keyId = parameters.get("keyid");
    if (keyId == null) {
      throw malformed("the keyid parameter is missing");
    }
    return keyId;
  }

  /** The {@code algorithm} parameter, if given. */
  Optional<String> algorithm() {
    return Optional.ofNullable(parameters.get("algorithm"));
  }

  /** The signed names, lower case, in order; {@code date} alone when the parameter is absent. */
  List<String> headers() {
    String headers = parameters.get("headers");
    if (headers == null) {
      return DEFAULT_HEADERS;
    }
    String trimmed = headers.trim();
    if (trimmed.isEmpty()) {
      throw malformed("the headers parameter is empty");
    }
    return splitOnWhitespace(trimmed.toLowerCase(Locale.ROOT));
  }

  private static List<String> splitOnWhitespace(String names) {
    List<String> list = new ArrayList<>(8);
    int start = -1;
    for (int i = 0; i <= names.length(); i++) {
      boolean isSpace = i == names.length() || Character.isWhitespace(names.charAt(i));
      if (isSpace && start >= 0) {
        list.add(names.substring(start, i));
        start = -1;
      } else if (!isSpace && start < 0) {
        start = i;
      }
    }
    return List.copyOf(list);
  }

  /** The decoded {@code signature} parameter. */
  byte[] signature() {
    try {
      return Base64.getDecoder().decode(required("signature"));
    } catch (IllegalArgumentException e) {
      throw malformed("the signature parameter is not base64");
    }
  }

  /** The raw value of any other parameter, such as {@code created}. */
  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  private String required(String name) {
    String value = parameters.get(name);
    if (value == null || value.isEmpty()) {
      throw malformed("the " + name + " parameter is missing");
    }
    return value;
  }

  /** Parses a header value; an {@code Authorization} value keeps its {@code Signature } scheme prefix. */
  static SignatureHeader parse(String value) {
    String text = value.trim();
    if (text.regionMatches(true, 0, AUTHORIZATION_SCHEME, 0, AUTHORIZATION_SCHEME.length())) {
      text = text.substring(AUTHORIZATION_SCHEME.length());
    }
    return new SignatureHeader(new Parser(text).parameters());
  }

  static WebhookException malformed(String message) {
    return new WebhookException(Reason.SIGNATURE_MALFORMED, "Signature header: " + message);
  }

  /** A small hand-written scanner: name = ( quoted-string / token ), separated by commas and spaces. */
  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    Map<String, String> parameters() {
      Map<String, String> parameters = new LinkedHashMap<>();
      skipSeparators();
      while (position < text.length()) {
        String name = name();
        expect('=');
        String parameterValue = isAt('"') ? quoted() : token();
        if (parameters.put(name, parameterValue) != null) {
          throw malformed("parameter '" + name + "' appears twice");
        }
        skipSeparators();
      }
      if (parameters.isEmpty()) {
        throw malformed("no parameters");
      }
      return parameters;
    }

    private String name() {
      int start = position;
      while (position < text.length() && isNameChar(text.charAt(position))) {
        position++;
      }
      if (start == position) {
        throw malformed("expected a parameter name at character " + start);
      }
      return text.substring(start, position).toLowerCase(Locale.ROOT);
    }

    private String quoted() {
      int start = position + 1;
      int end = text.indexOf('"', start);
      int escape = text.indexOf('\\', start);
      if (end >= 0 && (escape < 0 || escape > end)) {
        position = end + 1;
        return text.substring(start, end); // the usual case: no escapes, no copy char by char
      }
      StringBuilder quoted = new StringBuilder();
      position = start;
      while (position < text.length()) {
        char c = text.charAt(position++);
        if (c == '"') {
          return quoted.toString();
        }
        if (c == '\\' && position < text.length()) {
          c = text.charAt(position++);
        }
        quoted.append(c);
      }
      throw malformed("unterminated quoted value");
    }

    private String token() {
      int start = position;
      while (position < text.length() && !isSeparator(text.charAt(position))) {
        if (text.charAt(position) == '"') {
          throw malformed("unexpected quote at character " + position);
        }
        position++;
      }
      return text.substring(start, position);
    }

    private void expect(char expected) {
      if (!isAt(expected)) {
        throw malformed("expected '" + expected + "' at character " + position);
      }
      position++;
    }

    private boolean isAt(char c) {
      return position < text.length() && text.charAt(position) == c;
    }

    private void skipSeparators() {
      while (position < text.length() && isSeparator(text.charAt(position))) {
        position++;
      }
    }

    private static boolean isSeparator(char c) {
      return c == ',' || c == ' ' || c == '\t';
    }

    private static boolean isNameChar(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
  }
}
