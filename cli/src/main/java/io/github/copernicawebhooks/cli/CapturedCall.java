package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.WebhookRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP call as it arrived, in the fixture format {@code capture} writes and {@code verify} and {@code
 * replay} read: the request exactly as on the wire, that is the request line, each header line as received
 * (name case, order and repeats kept), an empty line, and the body bytes ({@code Content-Length} of them).
 * Lines end with CRLF; a hand-written file may end them with LF alone.
 */
record CapturedCall(String method, String target, List<Header> headers, byte[] body) {

  /** A header line as received. */
  record Header(String name, String value) {}

  /** The first value of this header, the name matched without regard to case. */
  Optional<String> header(String name) {
    return headers.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
  }

  /** The file's bytes. */
  byte[] toBytes() {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    headers.forEach(header -> head.append(header.name()).append(": ").append(header.value()).append("\r\n"));
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /** The call as the verifier sees it. */
  WebhookRequest toRequest() {
    WebhookRequest.Builder request = WebhookRequest.builder().method(method).target(target).body(body);
    headers.forEach(header -> request.header(header.name(), header.value()));
    return request.build();
  }

  /**
   * Reads a fixture file or a raw HTTP/1.1 request.
   *
   * @throws IOException when the bytes hold no request line and header block
   */
  static CapturedCall parse(byte[] file) throws IOException {
    int end = headEnd(file);
    if (end < 0) {
      throw new IOException("no empty line after the headers: not an HTTP request");
    }
    List<String> lines = new ArrayList<>(
        Arrays.asList(new String(file, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n", -1)));
    String[] requestLine = lines.remove(0).split(" ", -1);
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
      throw new IOException("the first line is not an HTTP request line (METHOD TARGET HTTP/1.1)");
    }
    List<Header> headers = new ArrayList<>();
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("not a header line: " + line);
      }
      headers.add(new Header(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    byte[] rest = Arrays.copyOfRange(file, bodyStart(file, end), file.length);
    return new CapturedCall(requestLine[0], requestLine[1], headers, body(headers, rest));
  }

  private static byte[] body(List<Header> headers, byte[] rest) throws IOException {
    for (Header header : headers) {
      if (header.name().toLowerCase(Locale.ROOT).equals("content-length")) {
        int length = Integer.parseInt(header.value());
        if (length > rest.length) {
          throw new IOException("Content-Length is " + length + " but the body has " + rest.length + " bytes");
        }
        return Arrays.copyOf(rest, length);
      }
    }
    return rest;
  }

  /** Where the empty line after the headers begins, or -1. */
  static int headEnd(byte[] bytes) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
        return i;
      }
      if (bytes[i] == '\n' && bytes[i + 1] == '\r' && i + 2 < bytes.length && bytes[i + 2] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int bodyStart(byte[] bytes, int end) {
    return bytes[end + 1] == '\r' ? end + 3 : end + 2;
  }
}
