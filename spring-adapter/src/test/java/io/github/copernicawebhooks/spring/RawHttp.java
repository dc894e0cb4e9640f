package io.github.copernicawebhooks.spring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain socket exchange, for bodies no HTTP client would send while reading the answer: the head and as
 * much body as the server takes are written on another thread while this one reads the response.
 */
final class RawHttp {

  private RawHttp() {}

  /**
   * Sends the head, then {@code bodyBytes} of {@code 'a'} (as chunks when {@code chunked}), and returns what
   * the server answered until it closed the connection or 10 s passed.
   */
  static String exchange(int port, String head, long bodyBytes, boolean chunked) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      AtomicLong written = new AtomicLong();
      Thread writer = new Thread(() -> writeBody(out, bodyBytes, chunked, written), "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      return readUntilClosed(socket.getInputStream());
    }
  }

  private static void writeBody(OutputStream out, long bodyBytes, boolean chunked, AtomicLong written) {
    byte[] piece = new byte[16 * 1024];
    java.util.Arrays.fill(piece, (byte) 'a');
    try {
      while (written.get() < bodyBytes) {
        int length = (int) Math.min(piece.length, bodyBytes - written.get());
        if (chunked) {
          out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(piece, 0, length);
        if (chunked) {
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        written.addAndGet(length);
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
    } catch (IOException closed) {
      // the server answered and closed the connection: what the test expects
    }
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        response.write(buffer, 0, read);
        if (isComplete(response.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (java.net.SocketException reset) {
      if (response.size() == 0) {
        throw reset;
      }
    }
    return response.toString(StandardCharsets.ISO_8859_1);
  }

  /** A response with a Content-Length whose body has arrived in full. */
  private static boolean isComplete(String response) {
    int end = response.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String lower = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at < 0) {
      return false;
    }
    int lineEnd = lower.indexOf("\r\n", at);
    long length = Long.parseLong(lower.substring(at + "content-length:".length(), lineEnd < 0 ? lower.length() : lineEnd).trim());
    return response.length() - end - 4 >= length;
  }
}
