package io.github.copernicawebhooks.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written byte for byte on a socket, for requests that HttpClient refuses to send. */
final class RawHttp {

  /** Marks an answer that never came; not a status, so it never matches an expectation. */
  static final int NO_ANSWER = -1;

  private RawHttp() {}

  /** Writes the bytes, half-closes, and reads the status line; {@link #NO_ANSWER} on a hang or no answer. */
  static int exchange(int port, byte[] request, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException closedEarly) {
        // the server may answer and close before reading everything: the answer is what counts
      }
      return status(socket.getInputStream());
    } catch (SocketTimeoutException hang) {
      return NO_ANSWER;
    }
  }

  /** Writes the request to that address and returns the whole response as text, for its headers. */
  static String response(String address, int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 10_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The status of the response's first line, or {@link #NO_ANSWER} when there is none. */
  static int status(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int next;
    while ((next = in.read()) >= 0 && next != '\n' && line.size() < 200) {
      line.write(next);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
      return NO_ANSWER;
    }
    return Integer.parseInt(text.substring(9, 12));
  }
}
