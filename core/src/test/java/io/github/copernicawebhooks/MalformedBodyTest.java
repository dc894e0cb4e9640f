package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies that must be refused, each with the exact reason and a fragment of the message. */
class MalformedBodyTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";
  private static final String VALID = "type=update&profile=1&timestamp=2026-01-15+10%3A30%3A00";

  private static final WebhookParser PARSER = WebhookParser.create();
  private static final WebhookParser STRICT = WebhookParser.create()
      .withLimits(ParserLimits.DEFAULTS.withMaxVariables(5).withMaxDepth(2).withMaxKeyLength(16).withMaxBodyBytes(200));

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        form("percent at the end", VALID + "&fields%5Bx%5D=abc%", Reason.MALFORMED_BODY, "invalid percent-escape at byte 73"),
        form("percent with one digit", "type=upd%4", Reason.MALFORMED_BODY, "invalid percent-escape at byte 8"),
        form("percent with non-hex digits", VALID + "&x=%G1", Reason.MALFORMED_BODY, "invalid percent-escape at byte 58"),
        form("percent-escape in a name", "ty%zpe=update", Reason.MALFORMED_BODY, "invalid percent-escape at byte 2"),
        form("lone continuation byte", VALID + "&fields%5Bname%5D=%80", Reason.MALFORMED_BODY,
            "invalid UTF-8 in the value of 'fields[name]' at byte 73"),
        form("truncated two-byte sequence", VALID + "&x=ab%C3", Reason.MALFORMED_BODY, "invalid UTF-8 in the value of 'x'"),
        form("overlong slash", VALID + "&x=%C0%AF", Reason.MALFORMED_BODY, "invalid UTF-8"),
        form("UTF-16 surrogate", VALID + "&x=%ED%A0%80", Reason.MALFORMED_BODY, "invalid UTF-8"),
        form("above U+10FFFF", VALID + "&x=%F4%90%80%80", Reason.MALFORMED_BODY, "invalid UTF-8"),
        form("invalid UTF-8 in a name", VALID + "&fields%5B%FF%5D=x", Reason.MALFORMED_BODY, "invalid UTF-8 in a variable name"),
        rawForm("raw invalid byte", (VALID + "&x=").getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xfe},
            Reason.MALFORMED_BODY, "invalid UTF-8 in the value of 'x' at byte 58"),
        form("unclosed bracket", VALID + "&fields%5Bname=x", Reason.MALFORMED_BODY, "an unclosed bracket"),
        form("closing bracket alone", VALID + "&fields%5D=x", Reason.MALFORMED_BODY, "a closing bracket without an opening one"),
        form("text after brackets", VALID + "&fields[a]b=x", Reason.MALFORMED_BODY, "text after a closing bracket"),
        form("bracket in brackets", VALID + "&fields[a[b]]=x", Reason.MALFORMED_BODY, "a bracket inside brackets"),
        form("brackets without a name", VALID + "&%5Ba%5D=x", Reason.MALFORMED_BODY, "has no name"),
        form("empty name", VALID + "&=x", Reason.MALFORMED_BODY, "variable at byte 56 has no name"),
        form("no type", "profile=1&timestamp=2026-01-15+10%3A30%3A00", Reason.MISSING_VARIABLE, "'type' is missing"),
        form("empty type", "type=&profile=1", Reason.INVALID_VARIABLE, "'type' is empty"),
        form("type and action disagree", VALID + "&action=delete", Reason.INVALID_VARIABLE, "'type' ('update') and 'action' ('delete') disagree"),
        form("no profile", "type=update&timestamp=2026-01-15+10%3A30%3A00", Reason.MISSING_VARIABLE, "'profile' is missing"),
        form("no timestamp", "type=delete&profile=1", Reason.MISSING_VARIABLE, "'timestamp' is missing"),
        form("collection without subprofile", VALID + "&collection=2", Reason.MISSING_VARIABLE, "'subprofile' is missing"),
        form("non-numeric profile", "type=update&profile=12a&timestamp=2026-01-15+10%3A30%3A00", Reason.INVALID_VARIABLE,
            "variable 'profile' is not a decimal id: '12a'"),
        form("negative profile", "type=update&profile=-5&timestamp=2026-01-15+10%3A30%3A00", Reason.INVALID_VARIABLE, "'profile' is not a decimal id"),
        form("empty profile", "type=update&profile=&timestamp=2026-01-15+10%3A30%3A00", Reason.INVALID_VARIABLE, "'profile' is not a decimal id"),
        form("profile beyond a long", "type=update&profile=9223372036854775808&timestamp=2026-01-15+10%3A30%3A00",
            Reason.INVALID_VARIABLE, "'profile' is not a decimal id"),
        form("non-numeric database", VALID + "&database=twelve", Reason.INVALID_VARIABLE, "'database' is not a decimal id"),
        form("non-numeric subprofile", "type=delete&subprofile=x&profile=1&timestamp=2026-01-15+10%3A30%3A00",
            Reason.INVALID_VARIABLE, "'subprofile' is not a decimal id"),
        form("non-numeric collection", "type=delete&subprofile=3&collection=c&profile=1&timestamp=2026-01-15+10%3A30%3A00",
            Reason.INVALID_VARIABLE, "'collection' is not a decimal id"),
        form("timestamp not a date", "type=update&profile=1&timestamp=yesterday", Reason.INVALID_VARIABLE, "variable 'timestamp' is not a date-time"),
        form("timestamp with month 13", "type=update&profile=1&timestamp=2026-13-01+00%3A00%3A00", Reason.INVALID_VARIABLE, "'timestamp'"),
        form("created not a date", VALID + "&created=2026-01-15", Reason.INVALID_VARIABLE, "variable 'created' is not a date-time"),
        form("time not a number", VALID + "&time=soon", Reason.INVALID_VARIABLE, "'time' is not a number of seconds"),
        form("interest flag neither 1 nor 0", VALID + "&interests%5Bsport%5D=yes", Reason.INVALID_VARIABLE,
            "variable 'interests[sport]' is neither 1 nor 0"),
        form("interests nested too deep", VALID + "&interests%5Ba%5D%5Bb%5D%5B%5D=x", Reason.INVALID_VARIABLE, "nested deeper than interests[group][name]"),
        strict("too many variables", "a=1&b=2&c=3&d=4&e=5&f=6", Reason.LIMIT_EXCEEDED, "more than 5 variables (variable at byte 20)"),
        strict("brackets too deep", "a[b][c][d]=1", Reason.LIMIT_EXCEEDED, "nested deeper than 2 brackets"),
        strict("escaped brackets too deep", "a%5Bb%5D%5Bc%5D%5Bd%5D=1", Reason.LIMIT_EXCEEDED, "nested deeper than 2 brackets"),
        strict("key too long", "abcdefghijklmnopq=1", Reason.LIMIT_EXCEEDED, "variable name at byte 0 is longer than 16 bytes"),
        strict("escaped key too long", "fields%5Babcdefghijk%5D=1", Reason.LIMIT_EXCEEDED, "longer than 16 bytes"),
        strict("body too large", "a=" + "x".repeat(199), Reason.BODY_TOO_LARGE, "larger than 200 bytes"),
        json("JSON array body", "[1,2]", Reason.MALFORMED_BODY, "a JSON body must be an object"),
        json("JSON syntax error", "{\"type\": \"update\",}", Reason.MALFORMED_BODY, "malformed JSON at byte"),
        json("JSON truncated", "{\"type\": \"upd", Reason.MALFORMED_BODY, "malformed JSON"),
        json("JSON trailing content", "{\"type\": \"update\"} {}", Reason.MALFORMED_BODY, "content after the JSON object"),
        json("JSON nested key with a bracket", "{\"fields\": {\"a]\": \"x\"}}", Reason.MALFORMED_BODY, "contains a bracket"),
        json("JSON profile not an integer", "{\"type\": \"update\", \"profile\": 1.5, \"timestamp\": \"2026-01-15 10:30:00\"}",
            Reason.INVALID_VARIABLE, "'profile' is not a decimal id: '1.5'"),
        rawJson("JSON with invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'},
            Reason.MALFORMED_BODY, "invalid UTF-8 at byte 6"),
        Arguments.of("unsupported content type", VALID.getBytes(StandardCharsets.UTF_8), "text/plain", PARSER,
            Reason.UNSUPPORTED_CONTENT_TYPE, "content type 'text/plain' is not supported"),
        Arguments.of("unknown charset", VALID.getBytes(StandardCharsets.UTF_8), FORM + "; charset=x-none", PARSER,
            Reason.UNSUPPORTED_CONTENT_TYPE, "charset 'x-none' is not supported by this Java runtime"),
        Arguments.of("JSON in Latin-1", "{}".getBytes(StandardCharsets.UTF_8), JSON + "; charset=ISO-8859-1", PARSER,
            Reason.UNSUPPORTED_CONTENT_TYPE, "charset 'ISO-8859-1' is not allowed: JSON must be UTF-8"),
        Arguments.of("undefined windows-1252 byte", (VALID + "&x=\u0081").getBytes(StandardCharsets.ISO_8859_1),
            FORM + "; charset=windows-1252", PARSER, Reason.MALFORMED_BODY, "invalid windows-1252 in the body at byte 58"),
        Arguments.of("invalid escape in Latin-1", (VALID + "&x=%G1").getBytes(StandardCharsets.UTF_8),
            FORM + "; charset=ISO-8859-1", PARSER, Reason.MALFORMED_BODY, "invalid percent-escape at byte 58"),
        Arguments.of("empty name in Latin-1", (VALID + "&=x").getBytes(StandardCharsets.UTF_8),
            FORM + "; charset=ISO-8859-1", PARSER, Reason.MALFORMED_BODY, "variable at byte 56 has no name"),
        Arguments.of("key too long in Latin-1", "abcdefghijklmnopq=1".getBytes(StandardCharsets.UTF_8),
            FORM + "; charset=ISO-8859-1", STRICT, Reason.LIMIT_EXCEEDED, "variable name at byte 0 is longer than 16 bytes"),
        Arguments.of("unclosed bracket in Latin-1", (VALID + "&fields%5Bname=x").getBytes(StandardCharsets.UTF_8),
            FORM + "; charset=ISO-8859-1", PARSER, Reason.MALFORMED_BODY, "an unclosed bracket"),
        Arguments.of("multipart", VALID.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x", PARSER,
            Reason.UNSUPPORTED_CONTENT_TYPE, "is not supported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void refusesBodyWithTheExactReason(String description, byte[] body, String contentType, WebhookParser parser,
      Reason reason, String messageFragment) {
    assertThatThrownBy(() -> parser.parse(body, contentType))
        .isInstanceOfSatisfying(WebhookException.class, e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(messageFragment);
  }

  private static Arguments form(String description, String body, Reason reason, String fragment) {
    return Arguments.of(description, body.getBytes(StandardCharsets.UTF_8), FORM, PARSER, reason, fragment);
  }

  private static Arguments strict(String description, String body, Reason reason, String fragment) {
    return Arguments.of(description, body.getBytes(StandardCharsets.UTF_8), FORM, STRICT, reason, fragment);
  }

  private static Arguments json(String description, String body, Reason reason, String fragment) {
    return Arguments.of(description, body.getBytes(StandardCharsets.UTF_8), JSON, PARSER, reason, fragment);
  }

  private static Arguments rawJson(String description, byte[] body, Reason reason, String fragment) {
    return Arguments.of(description, body, JSON, PARSER, reason, fragment);
  }

  private static Arguments rawForm(String description, byte[] start, byte[] end, Reason reason, String fragment) {
    byte[] body = new byte[start.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(end, 0, body, start.length, end.length);
    return Arguments.of(description, body, FORM, PARSER, reason, fragment);
  }
}
