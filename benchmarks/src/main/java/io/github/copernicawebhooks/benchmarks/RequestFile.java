package io.github.copernicawebhooks.benchmarks;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A file of complete HTTP/1.1 requests, written by {@link SignRequests} and read by the load benchmark:
 * a text head ({@code name=value} lines after a first line naming the format, ending with an empty line)
 * that says how the requests were signed and with which public key, then each request as a 4-byte
 * big-endian length and its bytes (head and body, exactly as sent). The reader maps the file, so the
 * requests stay out of the heap and the client only copies each one into its socket.
 */
final class RequestFile {
  static final String FORMAT = "copernica-webhooks signed requests 1";

  private final Header header;
  private final MappedByteBuffer mapped;
  private final int[] offsets;

  /**
   * What the requests are and how to verify them.
   *
   * @param count how many requests follow
   * @param signedAt when signing started; every {@code Date} is at or after it
   * @param accountId the {@code X-Copernica-ID} of every request
   * @param publicKey the signer's RSA public key, base64 SubjectPublicKeyInfo
   * @param host the signed {@code Host} header value
   * @param target the request target of every request
   * @param body the name of the body every request carries ({@code small}, {@code medium}, {@code large})
   */
  record Header(
      int count, Instant signedAt, String accountId, String publicKey, String host, String target, String body) {

    void writeTo(DataOutputStream out) throws IOException {
      StringBuilder text = new StringBuilder(FORMAT).append('\n');
      fields().forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
      out.write(text.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
    }

    private Map<String, String> fields() {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("count", Integer.toString(count));
      fields.put("signed-at", signedAt.toString());
      fields.put("account-id", accountId);
      fields.put("host", host);
      fields.put("target", target);
      fields.put("body", body);
      fields.put("public-key", publicKey);
      return fields;
    }

    static Header parse(String text) {
      String[] lines = text.split("\n");
      if (lines.length == 0 || !lines[0].equals(FORMAT)) {
        throw new IllegalArgumentException("not a file of signed requests (written by SignRequests)");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int equals = lines[i].indexOf('=');
        fields.put(lines[i].substring(0, equals), lines[i].substring(equals + 1));
      }
      return new Header(Integer.parseInt(field(fields, "count")), Instant.parse(field(fields, "signed-at")),
          field(fields, "account-id"), field(fields, "public-key"), field(fields, "host"), field(fields, "target"),
          field(fields, "body"));
    }

    private static String field(Map<String, String> fields, String name) {
      @Nullable String value = fields.get(name);
      if (value == null) {
        throw new IllegalArgumentException("the file of signed requests has no " + name);
      }
      return value;
    }
  }

  private RequestFile(Header header, MappedByteBuffer mapped, int[] offsets) {
    this.header = header;
    this.mapped = mapped;
    this.offsets = offsets;
  }

  /** Maps the file and indexes its requests. */
  static RequestFile open(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(path + " is larger than 2 GB: sign fewer requests");
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      int headEnd = headEnd(mapped);
      byte[] head = new byte[headEnd];
      mapped.get(0, head);
      Header header = Header.parse(new String(head, StandardCharsets.US_ASCII).strip());
      int[] offsets = new int[header.count()];
      int position = headEnd + 1;
      for (int i = 0; i < offsets.length; i++) {
        if (position + 4 > mapped.limit()) {
          throw new IllegalArgumentException(path + " ends after " + i + " of " + offsets.length + " requests");
        }
        offsets[i] = position;
        position += 4 + mapped.getInt(position);
      }
      return new RequestFile(header, mapped, offsets);
    }
  }

  /** Reads only the head, without mapping the requests (for the server, which needs the key). */
  static Header readHeader(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      StringBuilder text = new StringBuilder();
      int previous = -1;
      for (int b = in.read(); b >= 0 && !(b == '\n' && previous == '\n'); b = in.read()) {
        text.append((char) b);
        previous = b;
      }
      return Header.parse(text.toString().strip());
    }
  }

  /** The offset of the second newline of the first "\n\n". */
  private static int headEnd(ByteBuffer buffer) {
    for (int i = 1; i < Math.min(buffer.limit(), 65536); i++) {
      if (buffer.get(i) == '\n' && buffer.get(i - 1) == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("not a file of signed requests (no end of head)");
  }

  Header header() {
    return header;
  }

  int count() {
    return offsets.length;
  }

  /** The request at this index, as a view of the mapped file. */
  LoadRequest request(int index) {
    int offset = offsets[index];
    return new LoadRequest(mapped.slice(offset + 4, mapped.getInt(offset)));
  }

  /** Each request once, from {@code first} on: for a server whose replay guard accepts each nonce once. */
  RequestSource once(int first) {
    AtomicLong next = new AtomicLong(first);
    return () -> {
      long index = next.getAndIncrement();
      return index < offsets.length ? request((int) index) : null;
    };
  }

  /** The requests in order, starting over after the last: for servers that do not check nonces. */
  RequestSource cycling() {
    AtomicLong next = new AtomicLong();
    return () -> request((int) (next.getAndIncrement() % offsets.length));
  }
}
