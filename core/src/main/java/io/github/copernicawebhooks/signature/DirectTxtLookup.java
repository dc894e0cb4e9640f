package io.github.copernicawebhooks.signature;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * TXT lookups with a small DNS client of its own (RFC 1035): one query over UDP, again over TCP when the
 * answer comes back truncated. It needs no JNDI provider, for runtimes that have none (a native image
 * built without {@code jdk.naming.dns}). Values are returned in the JNDI provider's presentation form, so
 * {@link DkimRecord} reads both alike: the character-strings of a record separated by a space, a string
 * quoted (with {@code \} escapes) when it is empty or holds a space, quote or backslash.
 */
final class DirectTxtLookup implements TxtLookup {

  private static final int TXT = 16;
  private static final int IN = 1;
  private static final int UDP_LIMIT = 512;
  private static final int NXDOMAIN = 3;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final InetSocketAddress server;
  private final Duration timeout;

  /**
   * @param server the DNS server to ask
   * @param timeout how long the first try waits; one retry waits twice as long
   */
  DirectTxtLookup(InetSocketAddress server, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
  }

  /** Asks the first {@code nameserver} of {@code /etc/resolv.conf}, as the system's own resolver would. */
  static DirectTxtLookup system(Duration timeout) throws IOException {
    for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"), StandardCharsets.US_ASCII)) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        return new DirectTxtLookup(new InetSocketAddress(words[1], 53), timeout);
      }
    }
    throw new IOException("/etc/resolv.conf names no nameserver");
  }

  @Override
  public List<String> txt(String name) throws NamingException {
    byte[] query = query(name);
    byte[] answer = askOverUdp(query);
    if ((answer[2] & 0x02) != 0) {
      answer = askOverTcp(query);
    }
    return records(name, query, answer);
  }

  /** A recursive query for the TXT records of the name, with a random id. */
  static byte[] query(String name) throws NamingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    int id = RANDOM.nextInt(0x10000);
    out.write(id >> 8);
    out.write(id);
    out.writeBytes(new byte[] {0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    String absolute = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (absolute.isEmpty() || absolute.length() > 253) {
      throw new NamingException("not a DNS name: '" + name + "'");
    }
    for (String label : absolute.split("\\.", -1)) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length == 0 || bytes.length > 63 || !label.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new NamingException("not a DNS name: '" + name + "'");
      }
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.writeBytes(new byte[] {0, 0, TXT, 0, IN});
    return out.toByteArray();
  }

  private byte[] askOverUdp(byte[] query) throws NamingException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      byte[] buffer = new byte[UDP_LIMIT * 8];
      for (int attempt = 1; ; attempt++) {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis() * attempt));
        socket.send(new DatagramPacket(query, query.length));
        try {
          while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            if (packet.getLength() >= 12 && buffer[0] == query[0] && buffer[1] == query[1]) {
              return java.util.Arrays.copyOf(buffer, packet.getLength());
            }
          }
        } catch (SocketTimeoutException silent) {
          if (attempt == 2) {
            throw communication("no answer from " + server + " within " + timeout.multipliedBy(3).toMillis() + " ms", silent);
          }
        }
      }
    } catch (IOException unreachable) {
      throw communication("DNS server " + server + " cannot be reached: " + unreachable, unreachable);
    }
  }

  private byte[] askOverTcp(byte[] query) throws NamingException {
    try (Socket socket = new Socket()) {
      int millis = (int) Math.max(1, timeout.toMillis() * 2);
      socket.connect(server, millis);
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      if (answer.length < 12 || answer[0] != query[0] || answer[1] != query[1]) {
        throw new NamingException("DNS server " + server + " answered another query over TCP");
      }
      return answer;
    } catch (IOException unreachable) {
      throw communication("DNS server " + server + " cannot be reached over TCP: " + unreachable, unreachable);
    }
  }

  /** The TXT records of the answer, in JNDI's presentation; the errors JNDI would throw for the same answer. */
  static List<String> records(String name, byte[] query, byte[] answer) throws NamingException {
    ByteBuffer message = ByteBuffer.wrap(answer);
    int flags = message.getShort(2) & 0xFFFF;
    int code = flags & 0x0F;
    if ((flags & 0x8000) == 0) {
      throw new NamingException("DNS server sent a query, not an answer");
    }
    if (code == NXDOMAIN) {
      throw new NameNotFoundException("DNS name not found: " + name);
    }
    if (code != 0) {
      throw new NamingException("DNS error: response code " + code + " for " + name);
    }
    int questions = message.getShort(4) & 0xFFFF;
    int answers = message.getShort(6) & 0xFFFF;
    message.position(12);
    try {
      for (int index = 0; index < questions; index++) {
        skipName(message);
        message.position(message.position() + 4);
      }
      List<String> records = new ArrayList<>();
      for (int index = 0; index < answers; index++) {
        skipName(message);
        int type = message.getShort() & 0xFFFF;
        message.position(message.position() + 6);
        int length = message.getShort() & 0xFFFF;
        int end = message.position() + length;
        if (type == TXT) {
          records.add(presentation(message, end));
        }
        message.position(end);
      }
      return records;
    } catch (RuntimeException malformed) {
      throw new NamingException("malformed DNS answer for " + name + ": " + malformed);
    }
  }

  private static void skipName(ByteBuffer message) {
    while (true) {
      int length = message.get() & 0xFF;
      if (length == 0) {
        return;
      }
      if ((length & 0xC0) == 0xC0) {
        message.get();
        return;
      }
      message.position(message.position() + length);
    }
  }

  /** The character-strings of one TXT record, as JNDI presents them. */
  private static String presentation(ByteBuffer message, int end) {
    StringBuilder text = new StringBuilder();
    while (message.position() < end) {
      byte[] piece = new byte[message.get() & 0xFF];
      message.get(piece);
      String value = new String(piece, StandardCharsets.ISO_8859_1);
      text.append(text.length() == 0 ? "" : " ").append(needsQuotes(value) ? quoted(value) : value);
    }
    return text.toString();
  }

  private static boolean needsQuotes(String value) {
    return value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\\') >= 0;
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static CommunicationException communication(String message, Exception cause) {
    CommunicationException failure = new CommunicationException(message);
    failure.setRootCause(cause);
    return failure;
  }

  @Override
  public String toString() {
    return "DirectTxtLookup[" + server.getHostString().toLowerCase(Locale.ROOT) + ":" + server.getPort() + "]";
  }
}
