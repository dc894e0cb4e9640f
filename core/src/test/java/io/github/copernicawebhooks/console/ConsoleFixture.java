package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import tools.jackson.databind.json.JsonMapper;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/** A real receiver with a record of recent calls, a listener that fails for one profile, and a signer. */
final class ConsoleFixture {

  static final String FORM = "application/x-www-form-urlencoded";
  static final long FAILING_PROFILE = 666;
  static final String SECRET_EMAIL = "jane.secret@example.org";
  static final String SECRET_CITY = "Springfieldtown";

  /** One key pair for all console tests: generating one takes a while. */
  static final WebhookSigner SIGNER = WebhookSigner.generate();

  final WebhookSigner signer = SIGNER;
  final RecentCalls recent;
  final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();
  final WebhookReceiver receiver;

  ConsoleFixture() {
    this(RecentCalls.create());
  }

  ConsoleFixture(RecentCalls recent) {
    this.recent = recent;
    this.receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build())
        .listener(event -> {
          if (event instanceof ProfileEvent && ((ProfileEvent) event).profileId() == FAILING_PROFILE) {
            throw new IllegalStateException("cannot store " + SECRET_EMAIL + " living in " + SECRET_CITY);
          }
          handled.add(event);
        })
        .observer(recent)
        .build();
  }

  static String profileUpdate(long profile) {
    return "type=update&profile=" + profile + "&database=12&timestamp=2026-11-28+08%3A00%3A00"
        + "&fields%5Bemail%5D=" + SECRET_EMAIL.replace("@", "%40") + "&fields%5Bcity%5D=" + SECRET_CITY
        + "&parameters%5Bcity%5D=" + SECRET_CITY;
  }

  static String subprofileCreate(long subprofile, long collection) {
    return "type=create&subprofile=" + subprofile + "&profile=3&database=12&collection=" + collection
        + "&timestamp=2026-11-28+08%3A00%3A00&fields%5Bsize%5D=L";
  }

  static WebhookRequest unsigned(String body) {
    return WebhookRequest.builder().method("POST").target("/webhooks/copernica")
        .header("Host", "localhost:8080").header("Content-Type", FORM)
        .remoteAddress("127.0.0.1")
        .body(body.getBytes(StandardCharsets.UTF_8)).build();
  }

  WebhookRequest signed(String body) {
    return signer.sign(unsigned(body));
  }

  WebhookRequest signedBy(WebhookSigner other, String body) {
    return other.sign(unsigned(body));
  }

  WebhookConsole console() {
    return WebhookConsole.builder(receiver).recentCalls(recent).build();
  }

  /** A GET from a local browser. */
  static ConsoleRequest get(String path, String... query) {
    return request("GET", path, Map.of("Host", "localhost:8080"), "127.0.0.1", query);
  }

  static ConsoleRequest request(String method, String path, Map<String, String> headers, String remote,
      String... query) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i + 1 < query.length; i += 2) {
      parameters.put(query[i], List.of(query[i + 1]));
    }
    return new ConsoleRequest(method, path, parameters, headers, remote, role -> false, Map.of());
  }

  static JsonNode json(ConsoleResponse response) {
    return JsonMapper.shared().readTree(new String(response.body(), StandardCharsets.UTF_8));
  }

  static String text(ConsoleResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The console's token, as the page carries it. */
  static String token(WebhookConsole console) {
    String page = text(console.handle(get("/")));
    int start = page.indexOf("name=\"copernica-console-token\" content=\"") + "name=\"copernica-console-token\" content=\"".length();
    return page.substring(start, page.indexOf('"', start));
  }
}
