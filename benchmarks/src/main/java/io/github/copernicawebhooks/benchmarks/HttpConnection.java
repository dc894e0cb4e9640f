package io.github.copernicawebhooks.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One persistent HTTP/1.1 connection that sends pre-serialised requests and reads the answers, with
 * no allocation per exchange. The load generator uses it instead of a general-purpose client so that
 * the client, sharing the cores with the server, costs as little as possible.
 */
final class HttpConnection implements LoadConnection {
  private static final int MAX_LINE = 8192;

  private final InetSocketAddress address;
  private final byte[] line = new byte[MAX_LINE];
  private final byte[] buffer = new byte[16384];
  private byte[] outgoing = new byte[16384];
  private int position;
  private int limit;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean mustReconnect;

  HttpConnection(InetSocketAddress address) throws IOException {
    this.address = address;
    this.socket = connect(address);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  @Override
  public int exchange(LoadRequest request) throws IOException {
    if (mustReconnect) {
      reconnect();
    }
    try {
      if (request.length() > outgoing.length) {
        outgoing = new byte[request.length()];
      }
      request.writeTo(out, outgoing);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      mustReconnect = true;
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private int readResponse() throws IOException {
    int length = readLine();
    int status = statusOf(length);
    long contentLength = -1;
    boolean chunked = false;
    while ((length = readLine()) > 0) {
      if (startsWithIgnoreCase(length, "content-length:")) {
        contentLength = numberAfterColon(length, 10);
      } else if (startsWithIgnoreCase(length, "transfer-encoding:") && containsIgnoreCase(length, "chunked")) {
        chunked = true;
      } else if (startsWithIgnoreCase(length, "connection:") && containsIgnoreCase(length, "close")) {
        mustReconnect = true;
      }
    }
    if (chunked) {
      skipChunks();
    } else if (contentLength >= 0) {
      skipBytes(contentLength);
    } else {
      throw new IOException("answer has neither Content-Length nor chunked encoding");
    }
    return status;
  }

  private void skipChunks() throws IOException {
    while (true) {
      int length = readLine();
      long size = parseNumber(0, chunkSizeEnd(length), 16);
      if (size == 0) {
        while (readLine() > 0) {
          // trailers, if any
        }
        return;
      }
      skipBytes(size);
      if (readLine() != 0) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }

  private void skipBytes(long count) throws IOException {
    long left = count;
    while (left > 0) {
      if (position == limit && !fill()) {
        throw new EOFException("connection closed inside an answer body");
      }
      int taken = (int) Math.min(limit - position, left);
      position += taken;
      left -= taken;
    }
  }

  /** Reads one line without its CRLF into {@link #line}; returns its length. */
  private int readLine() throws IOException {
    int length = 0;
    while (true) {
      if (position == limit && !fill()) {
        throw new EOFException("connection closed inside an answer head");
      }
      byte b = buffer[position++];
      if (b == '\n') {
        return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
      }
      if (length == MAX_LINE) {
        throw new IOException("answer line longer than " + MAX_LINE + " bytes");
      }
      line[length++] = b;
    }
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  private int statusOf(int length) throws IOException {
    if (length < 12 || !startsWithIgnoreCase(length, "HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line");
    }
    return (int) parseNumber(9, 12, 10);
  }

  private int chunkSizeEnd(int length) {
    for (int i = 0; i < length; i++) {
      if (line[i] == ';' || line[i] == ' ') {
        return i;
      }
    }
    return length;
  }

  private long numberAfterColon(int length, int radix) throws IOException {
    int start = 0;
    while (line[start] != ':') {
      start++;
    }
    start++;
    while (start < length && line[start] == ' ') {
      start++;
    }
    int end = length;
    while (end > start && line[end - 1] == ' ') {
      end--;
    }
    return parseNumber(start, end, radix);
  }

  private long parseNumber(int start, int end, int radix) throws IOException {
    if (start >= end) {
      throw new IOException("number expected in an answer head");
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = Character.digit(line[i], radix);
      if (digit < 0) {
        throw new IOException("number expected in an answer head");
      }
      value = value * radix + digit;
    }
    return value;
  }

  private boolean startsWithIgnoreCase(int length, String prefix) {
    if (length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase(line[i]) != prefix.charAt(i) && line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean containsIgnoreCase(int length, String word) {
    for (int start = 0; start + word.length() <= length; start++) {
      int i = 0;
      while (i < word.length() && Character.toLowerCase(line[start + i]) == word.charAt(i)) {
        i++;
      }
      if (i == word.length()) {
        return true;
      }
    }
    return false;
  }

  private void reconnect() throws IOException {
    socket.close();
    socket = connect(address);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    position = 0;
    limit = 0;
    mustReconnect = false;
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(address, 5_000);
    socket.setSoTimeout(30_000);
    return socket;
  }
}
