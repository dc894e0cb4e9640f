package io.github.copernicawebhooks.testkit;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends signed webhook calls over real HTTP, the way Copernica does, to try a receiver end to end.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.generate();
 * // ... configure the receiver to trust signer.resolver() and signer.accountId() ...
 * int status = new CopernicaTestSender(signer).send(endpoint, body).statusCode();
 * }</pre>
 */
public final class CopernicaTestSender {

  private static final String FORM = "application/x-www-form-urlencoded";

  private final WebhookSigner signer;
  private final HttpClient client;

  public CopernicaTestSender(WebhookSigner signer) {
    this(signer, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  public CopernicaTestSender(WebhookSigner signer, HttpClient client) {
    this.signer = signer;
    this.client = client;
  }

  /** Signs and POSTs a form-encoded body; returns the response. */
  public HttpResponse<String> send(URI endpoint, String formBody) throws IOException, InterruptedException {
    return send(endpoint, formBody.getBytes(StandardCharsets.UTF_8), FORM);
  }

  /** Signs and POSTs a body of the given content type; returns the response. */
  public HttpResponse<String> send(URI endpoint, byte[] body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signer.headersFor("POST", target(endpoint), host(endpoint), body).forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Sends one signed example of every event type, in the order of {@link #examples()}; returns the HTTP
   * status per event type.
   */
  public Map<String, Integer> sendExamples(URI endpoint) throws IOException, InterruptedException {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (Map.Entry<String, String> example : examples().entrySet()) {
      statuses.put(example.getKey(), send(endpoint, example.getValue()).statusCode());
    }
    return statuses;
  }

  /** One form-encoded example body per event type, keyed by the simple name of the event class. */
  public static Map<String, String> examples() {
    return ExampleBodies.ALL;
  }

  /** The request target as the server will see it: raw path and query. */
  static String target(URI endpoint) {
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    return endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
  }

  /** The Host header the JDK client sends: the port only when it is not the scheme's default. */
  static String host(URI endpoint) {
    int port = endpoint.getPort();
    boolean secure = "https".equalsIgnoreCase(endpoint.getScheme());
    boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
    return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
  }
}
