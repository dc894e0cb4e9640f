package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks the bodies in this class's resource folder: each {@code name.form} or {@code name.json} is parsed and
 * compared with the hand-written {@code name.expected.json} beside it (the event in the JSON form of
 * {@link WebhookEvents}). When an expectation leaves out {@code raw}, the raw variables are checked against
 * the JDK's own URL decoder instead.
 */
class WebhookParserFixturesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final WebhookParser PARSER = WebhookParser.create()
      .withClock(Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC));

  static Stream<Path> bodies() throws IOException, URISyntaxException {
    Path folder = Path.of(WebhookParserFixturesTest.class.getResource("WebhookParserFixturesTest").toURI());
    List<Path> bodies = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.filter(file -> !file.getFileName().toString().endsWith(".expected.json")).sorted().forEach(bodies::add);
    }
    assertThat(bodies).hasSizeGreaterThanOrEqualTo(20);
    return bodies.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void parsesFixtureToTheExpectedEvent(Path bodyFile) throws IOException {
    String fileName = bodyFile.getFileName().toString();
    boolean json = fileName.endsWith(".json");
    byte[] body = Files.readAllBytes(bodyFile);
    Path expectedFile = bodyFile.resolveSibling(fileName.substring(0, fileName.lastIndexOf('.')) + ".expected.json");

    WebhookEvent event = PARSER.parse(body, json ? "application/json" : "application/x-www-form-urlencoded");

    ObjectNode expected = (ObjectNode) JSON.readTree(Files.readString(expectedFile));
    ObjectNode actual = (ObjectNode) JSON.readTree(WebhookEvents.toJson(event));
    if (expected.has("raw")) {
      assertThat(names(actual.get("raw"))).as("raw names in order").isEqualTo(names(expected.get("raw")));
    } else {
      assertThat(event.raw()).isEqualTo(decodedByTheJdk(new String(body, StandardCharsets.UTF_8)));
      assertThat(List.copyOf(event.raw().keySet()))
          .isEqualTo(List.copyOf(decodedByTheJdk(new String(body, StandardCharsets.UTF_8)).keySet()));
      actual.remove("raw");
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(WebhookEvents.fromJson(WebhookEvents.toJson(event))).isEqualTo(event);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  /** An independent decoding: split on '&' and '=', then the JDK's URLDecoder. */
  private static Map<String, List<String>> decodedByTheJdk(String body) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      raw.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return raw;
  }
}
