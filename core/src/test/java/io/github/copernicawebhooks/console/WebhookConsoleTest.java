package io.github.copernicawebhooks.console;

import static io.github.copernicawebhooks.console.ConsoleFixture.get;
import static io.github.copernicawebhooks.console.ConsoleFixture.json;
import static io.github.copernicawebhooks.console.ConsoleFixture.request;
import static io.github.copernicawebhooks.console.ConsoleFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The console's endpoints through {@link WebhookConsole#handle}, with a real receiver behind them. */
class WebhookConsoleTest {

  private final ConsoleFixture fixture = new ConsoleFixture();
  private final WebhookConsole console = fixture.console();

  @BeforeEach
  void receiveSomeCalls() {
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(4711)));
    fixture.receiver.receive(fixture.signed(ConsoleFixture.subprofileCreate(81, 7)));
    fixture.receiver.receive(fixture.signer.withAccountId("account_9999").sign(
        ConsoleFixture.unsigned(ConsoleFixture.profileUpdate(4712))));
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(ConsoleFixture.FAILING_PROFILE)));
  }

  @Test
  void listsCallsNewestFirstWithTheirShape() {
    JsonNode page = json(console.handle(get("/api/calls")));

    assertThat(page.get("mode").asString()).isEqualTo("memory");
    assertThat(page.get("total").asLong()).isEqualTo(4);
    assertThat(page.get("offset").asInt()).isZero();
    assertThat(page.get("limit").asInt()).isEqualTo(50);
    assertThat(outcomes(page)).containsExactly("failed", "refused", "handled", "handled");
    JsonNode failed = page.get("calls").get(0);
    assertThat(failed.get("id").asString()).isEqualTo("m4");
    assertThat(failed.get("status").asInt()).isEqualTo(500);
    assertThat(failed.get("eventType").asString()).isEqualTo("ProfileUpdated");
    assertThat(failed.get("ids").get("profile").asLong()).isEqualTo(ConsoleFixture.FAILING_PROFILE);
    assertThat(failed.get("ids").get("database").asLong()).isEqualTo(12);
    assertThat(failed.get("attempts").asInt()).isEqualTo(1);
    assertThat(failed.get("lastError").asString()).startsWith("java.lang.IllegalStateException: cannot store");
    assertThat(failed.get("method").asString()).isEqualTo("POST");
    assertThat(failed.get("target").asString()).isEqualTo("/webhooks/copernica");
    assertThat(failed.get("actions").get("retry").asBoolean()).isFalse();
    assertThat(Instantish.of(failed.get("time").asString())).isTrue();
    JsonNode refused = page.get("calls").get(1);
    assertThat(refused.get("reason").asString()).isEqualTo("ACCOUNT_UNKNOWN");
    assertThat(refused.get("status").asInt()).isEqualTo(401);
    assertThat(refused.has("eventType")).isFalse();
    assertThat(page.get("calls").get(2).get("ids").get("subprofile").asLong()).isEqualTo(81);
    assertThat(page.get("calls").get(2).get("ids").get("collection").asLong()).isEqualTo(7);
  }

  @Test
  void pagesWithOffsetAndLimit() {
    JsonNode first = json(console.handle(get("/api/calls", "limit", "3")));
    JsonNode second = json(console.handle(get("/api/calls", "limit", "3", "offset", "3")));
    JsonNode beyond = json(console.handle(get("/api/calls", "offset", "40")));

    assertThat(ids(first)).containsExactly("m4", "m3", "m2");
    assertThat(ids(second)).containsExactly("m1");
    assertThat(second.get("total").asLong()).isEqualTo(4);
    assertThat(ids(beyond)).isEmpty();
  }

  @Test
  void filtersByOutcomeEventTypeIdAndTime() {
    assertThat(ids(json(console.handle(get("/api/calls", "outcome", "refused"))))).containsExactly("m3");
    assertThat(ids(json(console.handle(get("/api/calls", "outcome", "refused,failed"))))).containsExactly("m4", "m3");
    assertThat(ids(json(console.handle(get("/api/calls", "eventType", "subprofilecreated"))))).containsExactly("m2");
    assertThat(ids(json(console.handle(get("/api/calls", "id", "7"))))).containsExactly("m2");
    assertThat(ids(json(console.handle(get("/api/calls", "id", "4711"))))).containsExactly("m1");
    assertThat(ids(json(console.handle(get("/api/calls", "outcome", "handled", "eventType", "ProfileUpdated")))))
        .containsExactly("m1");
    String time = json(console.handle(get("/api/calls"))).get("calls").get(1).get("time").asString();
    assertThat(ids(json(console.handle(get("/api/calls", "from", time))))).contains("m4", "m3").doesNotContain("m1");
    assertThat(ids(json(console.handle(get("/api/calls", "to", time))))).doesNotContain("m3", "m4").contains("m1");
    assertThat(ids(json(console.handle(get("/api/calls", "from", "2100-01-01T00:00:00Z"))))).isEmpty();
  }

  @Test
  void refusesBadParametersAndCapsTheLimit() {
    assertError(console.handle(get("/api/calls", "outcome", "lost")), 400, "outcome 'lost' is not one of");
    assertError(console.handle(get("/api/calls", "id", "12ab")), 400, "id must be a whole number");
    assertError(console.handle(get("/api/calls", "from", "yesterday")), 400, "from must be an instant");
    assertError(console.handle(get("/api/calls", "offset", "-1")), 400, "offset must be a whole number from 0 to 10000");
    assertError(console.handle(get("/api/calls", "offset", "10001")), 400, "offset");
    assertError(console.handle(get("/api/calls", "limit", "0")), 400, "limit");
    assertError(console.handle(get("/api/calls", "eventType", "x".repeat(201))), 400, "longer than 200");
    assertThat(json(console.handle(get("/api/calls", "limit", "100000"))).get("limit").asInt()).isEqualTo(200);
  }

  @Test
  void countsPerOutcomeForTheLastHourAndDay() {
    JsonNode counts = json(console.handle(get("/api/counts")));

    for (String span : List.of("lastHour", "lastDay")) {
      assertThat(counts.get(span).get("handled").asLong()).isEqualTo(2);
      assertThat(counts.get(span).get("refused").asLong()).isEqualTo(1);
      assertThat(counts.get(span).get("failed").asLong()).isEqualTo(1);
      assertThat(counts.get(span).get("dead").asLong()).isZero();
    }
  }

  @Test
  void showsOneCallWithRequestBodyVariablesEventStepsAndAttempts() {
    JsonNode detail = json(console.handle(get("/api/calls/m4")));

    assertThat(detail.get("call").get("id").asString()).isEqualTo("m4");
    assertThat(detail.get("request").get("method").asString()).isEqualTo("POST");
    assertThat(detail.get("request").get("remoteAddress").asString()).isEqualTo("127.0.0.1");
    assertThat(names(detail.get("request").get("headers"))).contains("host", "content-type", "digest", "signature");
    assertThat(detail.get("body").get("text").asString()).isEqualTo(ConsoleFixture.profileUpdate(ConsoleFixture.FAILING_PROFILE));
    assertThat(detail.get("body").get("truncated").asBoolean()).isFalse();
    assertThat(detail.get("body").get("contentType").asString()).isEqualTo(ConsoleFixture.FORM);
    JsonNode fields = child(detail.get("variables"), "fields");
    assertThat(child(fields.get("children"), "email").get("value").asString()).isEqualTo(ConsoleFixture.SECRET_EMAIL);
    assertThat(detail.get("event").get("event").asString()).isEqualTo("ProfileUpdated");
    assertThat(detail.get("event").get("profileId").asLong()).isEqualTo(ConsoleFixture.FAILING_PROFILE);
    assertThat(results(detail)).containsOnly("passed").hasSize(8);
    JsonNode attempt = detail.get("attempts").get(0);
    assertThat(attempt.get("succeeded").asBoolean()).isFalse();
    assertThat(attempt.get("error").asString()).contains(ConsoleFixture.SECRET_CITY);
    assertThat(attempt.get("stackTrace").asString()).contains("\tat ");
  }

  @Test
  void aRefusedCallShowsItsReasonTheFailedStepAndItsBodyParsedForDisplayOnly() {
    JsonNode detail = json(console.handle(get("/api/calls/m3")));

    assertThat(detail.get("call").get("reason").asString()).isEqualTo("ACCOUNT_UNKNOWN");
    assertThat(detail.get("reasonMessage").asString()).isEqualTo("X-Copernica-ID is absent or not a configured account id");
    assertThat(results(detail)).containsExactly(
        "passed", "failed", "not run", "not run", "not run", "not run", "not run", "not run");
    assertThat(detail.get("event").get("profileId").asLong()).isEqualTo(4712);
    assertThat(detail.get("eventNote").asString()).contains("parsed for display only");
    assertThat(detail.get("attempts")).isEmpty();
  }

  @Test
  void answersUnknownCallsAndPathsWith404() {
    assertError(console.handle(get("/api/calls/m99")), 404, "no call m99");
    assertError(console.handle(get("/api/calls/i1")), 404, "no call i1");
    assertError(console.handle(get("/api/nothing")), 404, "no endpoint");
    assertThat(console.handle(get("/nothing.js")).status()).isEqualTo(404);
  }

  @Test
  void servesThePageWithItsTokenAndAssetsWithSecurityHeaders() {
    ConsoleResponse page = console.handle(get("/"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(text(page)).contains("<title>Copernica webhooks</title>").doesNotContain("@TOKEN@");
    assertThat(ConsoleFixture.token(console)).hasSize(43);
    assertThat(page.headers()).containsEntry("X-Frame-Options", "DENY").containsEntry("Cache-Control", "no-store")
        .containsKey("Content-Security-Policy");
    assertThat(console.handle(get("/console.js")).contentType()).startsWith("text/javascript");
    assertThat(console.handle(get("/console.css")).contentType()).startsWith("text/css");
    JsonNode info = json(console.handle(get("/api/info")));
    assertThat(info.get("mode").asString()).isEqualTo("memory");
    assertThat(info.get("recentCalls").asInt()).isEqualTo(500);
    assertThat(info.get("maskValues").asBoolean()).isFalse();
    assertThat(info.get("verifiesSignatures").asBoolean()).isTrue();
    assertThat(values(info.get("eventTypes"))).contains("ProfileUpdated", "SubprofileCreated", "EmailBounced", "UnknownEvent")
        .hasSize(14);
  }

  @Test
  void answersOnlyLocalClientsByDefault() {
    assertThat(console.handle(request("GET", "/api/calls", Map.of("Host", "localhost:8080"), "192.0.2.7")).status())
        .isEqualTo(403);
    assertThat(console.handle(request("GET", "/", Map.of("Host", "evil.example:8080"), "127.0.0.1")).status())
        .as("a DNS-rebinding page names its own host").isEqualTo(403);
    assertThat(console.handle(request("GET", "/api/calls",
        Map.of("Host", "localhost:8080", "X-Forwarded-For", "198.51.100.4"), "127.0.0.1")).status())
        .as("a proxy on this machine forwarding a remote client").isEqualTo(403);
    assertThat(console.handle(request("GET", "/api/calls", Map.of("Host", "[::1]:8080"), "0:0:0:0:0:0:0:1")).status())
        .isEqualTo(200);
    assertThat(console.handle(request("GET", "/api/calls", Map.of("Host", "127.0.0.1"), "127.0.0.2")).status())
        .isEqualTo(200);
    WebhookConsole remote = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent).allowRemote(true).build();
    assertThat(remote.handle(request("GET", "/api/calls", Map.of("Host", "example.com"), "192.0.2.7")).status())
        .isEqualTo(200);
  }

  @Test
  void withARoleAnswersOnlyUsersInItFromAnywhere() {
    WebhookConsole secured = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent)
        .role(WebhookConsole.DEFAULT_ROLE).build();
    ConsoleRequest anonymous = request("GET", "/api/calls", Map.of("Host", "example.com"), "192.0.2.7");
    ConsoleRequest operator = new ConsoleRequest("GET", "/api/calls", Map.of(), Map.of("Host", "example.com"),
        "192.0.2.7", WebhookConsole.DEFAULT_ROLE::equals, Map.of());

    assertError(secured.handle(anonymous), 403, "needs the role COPERNICA_WEBHOOKS_CONSOLE");
    assertThat(secured.handle(operator).status()).isEqualTo(200);
  }

  @Test
  void aPostNeedsThePagesTokenAndItsOrigin() {
    String token = ConsoleFixture.token(console);
    Map<String, String> local = Map.of("Host", "localhost:8080");

    assertError(console.handle(request("POST", "/api/purge", local, "127.0.0.1")), 403, "console token");
    assertError(console.handle(request("POST", "/api/purge", Map.of("Host", "localhost:8080",
        WebhookConsole.TOKEN_HEADER, token + "x"), "127.0.0.1")), 403, "console token");
    assertError(console.handle(request("POST", "/api/purge", Map.of("Host", "localhost:8080",
        WebhookConsole.TOKEN_HEADER, token, "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"),
        "127.0.0.1")), 403, "another site");
    assertError(console.handle(request("POST", "/api/purge", Map.of("Host", "localhost:8080",
        WebhookConsole.TOKEN_HEADER, token, "Sec-Fetch-Site", "cross-site"), "127.0.0.1")), 403, "another site");
    assertThat(json(console.handle(get("/api/calls"))).get("total").asLong()).as("nothing was purged").isEqualTo(4);

    ConsoleResponse purged = console.handle(request("POST", "/api/purge", Map.of("Host", "localhost:8080",
        WebhookConsole.TOKEN_HEADER, token, "Origin", "http://localhost:8080", "Sec-Fetch-Site", "same-origin"),
        "127.0.0.1", "outcome", "refused"));
    assertThat(purged.status()).isEqualTo(200);
    assertThat(json(purged).get("purged").asInt()).isEqualTo(1);
    assertThat(ids(json(console.handle(get("/api/calls"))))).containsExactly("m4", "m2", "m1");
  }

  @Test
  void purgeKeepsWhatIsNotFinalAndRetryNeedsTheInbox() {
    String token = ConsoleFixture.token(console);
    Map<String, String> headers = Map.of("Host", "localhost:8080", WebhookConsole.TOKEN_HEADER, token);

    assertThat(json(console.handle(request("POST", "/api/purge", headers, "127.0.0.1"))).get("purged").asInt())
        .as("the failed call stays: it is not final").isEqualTo(3);
    assertThat(ids(json(console.handle(get("/api/calls"))))).containsExactly("m4");
    assertError(console.handle(request("POST", "/api/calls/m4/retry", headers, "127.0.0.1")), 409, "cannot be retried");
    assertError(console.handle(request("POST", "/api/calls/m4/redeliver", headers, "127.0.0.1")), 409,
        "cannot be delivered again");
    assertThat(console.handle(request("DELETE", "/api/calls/m4", headers, "127.0.0.1")).status()).isEqualTo(405);
  }

  @Test
  void maskedValuesNeverLeaveTheServer() {
    WebhookConsole masked = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent).maskValues(true).build();
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(77).replace("&database=12",
        "&database=12&note=write+to+" + ConsoleFixture.SECRET_EMAIL.replace("@", "%40"))));
    List<String> everything = new ArrayList<>();
    everything.add(text(masked.handle(get("/api/calls"))));
    everything.add(text(masked.handle(get("/api/counts"))));
    for (String id : ids(json(masked.handle(get("/api/calls"))))) {
      everything.add(text(masked.handle(get("/api/calls/" + id))));
    }

    assertThat(String.join("\n", everything))
        .doesNotContain(ConsoleFixture.SECRET_EMAIL, ConsoleFixture.SECRET_CITY, "jane.secret%40example.org")
        .contains("\"profileId\":" + ConsoleFixture.FAILING_PROFILE, "ACCOUNT_UNKNOWN", "fields%5Bcity%5D=***",
            "IllegalStateException");
    JsonNode detail = json(masked.handle(get("/api/calls/m4")));
    assertThat(detail.get("event").get("fields").get("email").asString()).isEqualTo("***");
    assertThat(detail.get("event").get("profileId").asLong()).isEqualTo(ConsoleFixture.FAILING_PROFILE);
    assertThat(detail.get("attempts").get(0).get("error").asString())
        .isEqualTo("java.lang.IllegalStateException: cannot store *** living in ***");
    assertThat(detail.get("body").get("masked").asBoolean()).isTrue();
    assertThat(json(masked.handle(get("/api/info"))).get("maskValues").asBoolean()).isTrue();
  }

  @Test
  void aPostThroughAProxyThatRewritesTheHostIsThePagesOwn() {
    WebhookConsole proxied = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent).allowRemote(true)
        .build();
    Map<String, String> headers = Map.of("Host", "backend:8080", "Origin", "https://ops.example.com",
        "Sec-Fetch-Site", "same-origin", WebhookConsole.TOKEN_HEADER, ConsoleFixture.token(proxied));

    ConsoleResponse purged = proxied.handle(request("POST", "/api/purge", headers, "10.0.0.5", "outcome", "refused"));

    assertThat(purged.status()).as(text(purged)).isEqualTo(200);
    assertThat(json(purged).get("purged").asInt()).isEqualTo(1);
  }

  @Test
  void withAPublicUrlAPostMustComeFromItsOrigin() {
    WebhookConsole published = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent).allowRemote(true)
        .publicUrl("https://OPS.example.com:443/copernica-webhooks").build();
    String token = ConsoleFixture.token(published);

    assertError(published.handle(request("POST", "/api/purge", Map.of("Host", "backend:8080",
        "Origin", "https://evil.example", WebhookConsole.TOKEN_HEADER, token), "10.0.0.5")), 403, "public URL");
    assertError(published.handle(request("POST", "/api/purge", Map.of("Host", "ops.example.com",
        "Origin", "http://ops.example.com", WebhookConsole.TOKEN_HEADER, token), "10.0.0.5")), 403, "public URL");
    assertThat(published.handle(request("POST", "/api/purge", Map.of("Host", "backend:8080",
        "Origin", "https://ops.example.com", WebhookConsole.TOKEN_HEADER, token), "10.0.0.5")).status()).isEqualTo(200);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookConsole.builder(fixture.receiver)
        .publicUrl("ops.example.com"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public-url");
  }

  @Test
  void aPeerThatSomethingInFrontReplacedIsRefusedInEveryAddressMode() {
    ConsoleRequest rewritten = new ConsoleRequest("GET", "/api/calls", Map.of(), Map.of("Host", "localhost:8080"),
        "127.0.0.1", role -> true, Map.of(), java.util.Optional.of("Tomcat's RemoteIpValve"));
    WebhookConsole allowed = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent)
        .allowedAddresses(List.of("127.0.0.0/8")).build();
    WebhookConsole remote = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent).allowRemote(true)
        .build();
    WebhookConsole secured = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent).role("OPS").build();

    assertError(console.handle(rewritten), 403, "Tomcat's RemoteIpValve replaced it");
    assertThat(json(console.handle(rewritten)).get("error").asString()).contains("role", "trusted-proxies");
    assertError(allowed.handle(rewritten), 403, "Tomcat's RemoteIpValve replaced it");
    assertThat(console.decidesOnAddress()).isTrue();
    assertThat(allowed.decidesOnAddress()).isTrue();
    assertThat(remote.handle(rewritten).status()).isEqualTo(200);
    assertThat(remote.decidesOnAddress()).isFalse();
    assertThat(secured.handle(rewritten).status()).isEqualTo(200);
    assertThat(secured.decidesOnAddress()).isFalse();
  }

  @Test
  void allowedAddressesAreDecidedOnThePeer() {
    WebhookConsole allowed = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent)
        .allowedAddresses(List.of("10.1.2.0/24", " fd00::/8 ", "")).build();

    assertThat(allowed.handle(request("GET", "/api/calls", Map.of("Host", "ops.internal"), "10.1.2.7")).status())
        .isEqualTo(200);
    assertThat(allowed.handle(request("GET", "/api/calls", Map.of("Host", "ops.internal"), "fd12::7")).status())
        .isEqualTo(200);
    assertError(allowed.handle(request("GET", "/api/calls", Map.of("Host", "ops.internal"), "10.1.3.7")), 403,
        "allowed addresses");
    assertError(allowed.handle(request("GET", "/api/calls", Map.of("Host", "localhost", "X-Forwarded-For", "10.1.2.7"),
        "192.0.2.7")), 403, "allowed addresses");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookConsole.builder(fixture.receiver)
        .allowedAddresses(List.of("10.0.0.0/8", "ops.example.com"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed-addresses: 'ops.example.com'");
    for (String wrong : List.of("999.1.1.1", "10.0.0.0/33", "10.0.0.0/", "::1/129", "1.2.3")) {
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookConsole.builder(fixture.receiver)
          .trustedProxies(List.of(wrong)))).as(wrong).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("trusted-proxies: '" + wrong + "'");
    }
  }

  @Test
  void aTrustedProxyNamesTheClientInXForwardedFor() {
    WebhookConsole local = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent)
        .trustedProxies(List.of("127.0.0.1")).build();
    WebhookConsole allowed = WebhookConsole.builder(fixture.receiver).recentCalls(fixture.recent)
        .trustedProxies(List.of("10.0.0.0/8")).allowedAddresses(List.of("203.0.113.0/24")).build();

    assertThat(local.handle(request("GET", "/api/calls", Map.of("Host", "localhost", "X-Forwarded-For", "127.0.0.1"),
        "127.0.0.1")).status()).as("a browser on this machine through the proxy").isEqualTo(200);
    assertError(local.handle(request("GET", "/api/calls",
        Map.of("Host", "localhost", "X-Forwarded-For", "127.0.0.1, 198.51.100.4"), "127.0.0.1")), 403,
        "only local clients");
    assertError(local.handle(request("GET", "/api/calls", Map.of("Host", "localhost"), "127.0.0.1")), 403,
        "sent no X-Forwarded-For");
    assertThat(allowed.handle(request("GET", "/api/calls",
        Map.of("Host", "ops.example.com", "X-Forwarded-For", "203.0.113.9, 10.0.0.7"), "10.0.0.5")).status())
        .isEqualTo(200);
    assertError(allowed.handle(request("GET", "/api/calls",
        Map.of("Host", "ops.example.com", "X-Forwarded-For", "203.0.113.9, 198.51.100.4"), "10.0.0.5")), 403,
        "allowed addresses");
  }

  private static void assertError(ConsoleResponse response, int status, String message) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(json(response).get("error").asString()).contains(message);
  }

  private static List<String> outcomes(JsonNode page) {
    List<String> outcomes = new ArrayList<>();
    page.get("calls").forEach(call -> outcomes.add(call.get("outcome").asString()));
    return outcomes;
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("calls").forEach(call -> ids.add(call.get("id").asString()));
    return ids;
  }

  private static List<String> results(JsonNode detail) {
    List<String> results = new ArrayList<>();
    detail.get("verification").forEach(step -> results.add(step.get("result").asString()));
    return results;
  }

  private static List<String> names(JsonNode headers) {
    List<String> names = new ArrayList<>();
    headers.forEach(header -> names.add(header.get("name").asString()));
    return names;
  }

  private static List<String> values(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static JsonNode child(JsonNode nodes, String name) {
    for (JsonNode node : nodes) {
      if (node.get("name").asString().equals(name)) {
        return node;
      }
    }
    throw new AssertionError("no node " + name + " in " + nodes);
  }

  /** Whether a text is an ISO instant. */
  private static final class Instantish {
    static boolean of(String text) {
      return java.time.Instant.parse(text) != null;
    }
  }
}
