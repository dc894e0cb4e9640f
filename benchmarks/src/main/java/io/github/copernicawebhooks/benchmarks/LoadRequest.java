package io.github.copernicawebhooks.benchmarks;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One POST of a form body, both as the bytes the raw client writes and as the request the JDK client
 * sends (built once, so that neither client pays for building it during the run).
 */
final class LoadRequest {
  private final byte[] wire;
  private final HttpRequest jdkRequest;

  LoadRequest(InetSocketAddress address, String target, Map<String, String> headers, byte[] body) {
    String host = hostOf(address);
    StringBuilder head = new StringBuilder(512)
        .append("POST ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n")
        .append("Content-Type: ").append(Bodies.FORM_CONTENT_TYPE).append("\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(body);
    this.wire = bytes.toByteArray();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host + target))
        .header("Content-Type", Bodies.FORM_CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    this.jdkRequest = builder.build();
  }

  /** The Host header value for this address, e.g. {@code 127.0.0.1:8080}. */
  static String hostOf(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** The complete request, head and body, as sent on the wire. */
  byte[] wire() {
    return wire;
  }

  HttpRequest jdkRequest() {
    return jdkRequest;
  }

  String head() {
    String text = new String(wire, StandardCharsets.ISO_8859_1);
    return text.substring(0, text.indexOf("\r\n\r\n"));
  }
}
