package io.github.copernicawebhooks.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One POST of a body with its headers, and what the receiver answered. */
final class Delivery {

  static {
    // Replaying and forwarding send the captured Host header, which the signature covers; the JDK client
    // refuses to set Host unless allowed before its first use.
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }
  }

  // HTTP/1.1 as Copernica sends: no h2c upgrade headers the receiver would see but Copernica never sends.
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private Delivery() {}

  /** The answer to one call: status, time taken and body. */
  record Answer(int status, Duration time, String body) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** {@code 200 in 12 ms: ok}, the answer body on the same line. */
    String line() {
      return status + " in " + time.toMillis() + " ms: " + body.strip();
    }
  }

  /** POSTs the body with these headers (Content-Type among them). */
  static Answer post(URI url, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    long started = System.nanoTime();
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), Duration.ofNanos(System.nanoTime() - started), response.body());
  }

  /** The request target as the receiver will see it: raw path and query. */
  static String target(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  /** The Host header the JDK client sends: the port only when it is not the scheme's default. */
  static String host(URI url) {
    int port = url.getPort();
    boolean secure = "https".equalsIgnoreCase(url.getScheme());
    boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
    return defaultPort ? url.getHost() : url.getHost() + ":" + port;
  }
}
