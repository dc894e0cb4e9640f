package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One POST of a form body as the bytes the client writes, head and body, serialised once so that the
 * client pays nothing for building it during the run: either an array of its own or a view of a
 * {@link RequestFile}.
 */
final class LoadRequest {
  private final ByteBuffer wire;

  LoadRequest(InetSocketAddress address, String target, Map<String, String> headers, byte[] body) {
    this(ByteBuffer.wrap(wire(hostOf(address), target, headers, body)));
  }

  /** A request whose bytes are these (not copied: the buffer must not change). */
  LoadRequest(ByteBuffer wire) {
    this.wire = wire;
  }

  /** The complete request: request line, Host, Content-Type, Content-Length, the given headers, body. */
  static byte[] wire(String host, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder(1024)
        .append("POST ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n")
        .append("Content-Type: ").append(Bodies.FORM_CONTENT_TYPE).append("\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] wire = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
    System.arraycopy(body, 0, wire, headBytes.length, body.length);
    return wire;
  }

  /** The Host header value for this address, e.g. {@code 127.0.0.1:8080}. */
  static String hostOf(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /**
   * Writes the request in one call; a request that is not backed by an array is copied into {@code
   * scratch} first, which must be large enough (see {@link #length}).
   */
  void writeTo(OutputStream out, byte[] scratch) throws IOException {
    if (wire.hasArray()) {
      out.write(wire.array(), wire.arrayOffset(), wire.remaining());
    } else {
      int length = wire.remaining();
      wire.get(wire.position(), scratch, 0, length);
      out.write(scratch, 0, length);
    }
  }

  int length() {
    return wire.remaining();
  }

  String head() {
    byte[] bytes = new byte[wire.remaining()];
    wire.get(wire.position(), bytes);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    return end < 0 ? text : text.substring(0, end);
  }
}
