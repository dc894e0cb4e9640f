package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Generates one bad request per case from a seeded {@link Random} and sends it, reporting the status. */
final class HostileRequests {

  static final String UNSIGNED = "/unsigned";
  static final String SIGNED = "/signed";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String TIMESTAMP = "&timestamp=2026-11-28+08%3A00%3A00";
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int NO_ANSWER = RawHttp.NO_ANSWER;

  /** The kinds of bad request, each with its weight in the mix. */
  enum Kind {
    RANDOM_BYTES(10), TRUNCATED_ESCAPE(8), HUGE_KEY(5), DEEP_BRACKETS(5), MANY_VARIABLES(1), INVALID_UTF8(5),
    BROKEN_JSON(6), INVALID_VARIABLE(5), WRONG_CONTENT_TYPE(8), WRONG_METHOD(5), TOO_LARGE(2),
    NOT_SIGNED(4), GARBAGE_SIGNATURE(6), DUPLICATE_HEADERS(6), TAMPERED_BODY(4), STALE_DATE(3),
    GARBAGE_HEADER_VALUES(6), ABSURD_CONTENT_LENGTH(4), CONFLICTING_LENGTHS(2), SHORT_BODY(3),
    MALFORMED_HEADER_LINES(4), DUPLICATE_HOST(2), NOT_HTTP(2), MULTIBYTE_NAMES(6), INVALID_UTF8_NAMES(5);

    private final int weight;

    Kind(int weight) {
      this.weight = weight;
    }

    static Kind pick(Random random) {
      int total = Arrays.stream(values()).mapToInt(kind -> kind.weight).sum();
      int choice = random.nextInt(total);
      for (Kind kind : values()) {
        choice -= kind.weight;
        if (choice < 0) {
          return kind;
        }
      }
      throw new AssertionError("weights do not add up");
    }
  }

  /** What one case sent and got back. */
  record Answer(int index, Kind kind, String detail, Set<Integer> expected, int status) {
    @Override
    public String toString() {
      return "case " + index + " " + kind + " (" + detail + "): got "
          + (status == NO_ANSWER ? "no answer" : status) + ", expected one of " + expected;
    }
  }

  private final AbuseServer server;
  private final HttpClient client;
  private final WebhookSigner signer;

  HostileRequests(AbuseServer server, HttpClient client, WebhookSigner signer) {
    this.server = server;
    this.client = client;
    this.signer = signer;
  }

  static String validBody(long profile) {
    return "type=update&profile=" + profile + "&database=1" + TIMESTAMP + "&fields%5Bemail%5D=a%40example.com";
  }

  /** Sends a freshly signed, valid call and returns its status. */
  int sendSigned(byte[] body) throws Exception {
    return send(signedRequest(signer, body).build());
  }

  /** Sends case {@code index}; a connection that fails without an answer is reported as such. */
  Answer send(int index, Random random) throws Exception {
    Kind kind = Kind.pick(random);
    try {
      return send(index, kind, random);
    } catch (IOException failed) {
      return new Answer(index, kind, "no answer: " + failed, Set.of(), NO_ANSWER);
    }
  }

  private Answer send(int index, Kind kind, Random random) throws Exception {
    byte[] valid = validBody(1 + random.nextInt(100_000)).getBytes(StandardCharsets.US_ASCII);
    switch (kind) {
      case RANDOM_BYTES:
        return form(index, kind, bytes(random, 1 + random.nextInt(4096)), Set.of(400));
      case TRUNCATED_ESCAPE:
        return form(index, kind, truncatedEscape(random, valid), Set.of(400));
      case HUGE_KEY:
        return form(index, kind, concat(valid, hugeKey(random)), Set.of(400));
      case DEEP_BRACKETS:
        return form(index, kind, concat(valid, deepBrackets(random)), Set.of(400));
      case MANY_VARIABLES:
        return form(index, kind, concat(valid, manyVariables(random)), Set.of(400));
      case INVALID_UTF8:
        return form(index, kind, concat(valid, invalidUtf8(random)), Set.of(400));
      case MULTIBYTE_NAMES:
        return form(index, kind, multibyteNames(random), Set.of(400));
      case INVALID_UTF8_NAMES:
        return form(index, kind, concat(valid, invalidUtf8Name(random)), Set.of(400));
      case BROKEN_JSON:
        return post(index, kind, UNSIGNED, "application/json", brokenJson(random), Set.of(400));
      case INVALID_VARIABLE:
        return form(index, kind, invalidVariable(random), Set.of(400));
      case WRONG_CONTENT_TYPE:
        return wrongContentType(index, random, valid);
      case WRONG_METHOD:
        return wrongMethod(index, random, valid);
      case TOO_LARGE:
        return tooLarge(index, random);
      case NOT_SIGNED:
        return post(index, kind, SIGNED, FORM, valid, Set.of(401));
      case GARBAGE_SIGNATURE:
        return garbageSignature(index, random, valid);
      case DUPLICATE_HEADERS:
        return duplicateHeader(index, random, valid);
      case TAMPERED_BODY:
        return tamperedBody(index, random, valid);
      case STALE_DATE:
        return staleDate(index, random, valid);
      case GARBAGE_HEADER_VALUES:
        return garbageHeaderValue(index, random, valid);
      default:
        return raw(index, kind, random);
    }
  }

  private Answer form(int index, Kind kind, byte[] body, Set<Integer> expected) throws Exception {
    return post(index, kind, UNSIGNED, FORM, body, expected);
  }

  private Answer post(int index, Kind kind, String path, String contentType, byte[] body, Set<Integer> expected)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri(path))
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofByteArray(body))
        .build();
    return new Answer(index, kind, path + " " + contentType + ", " + body.length + " bytes: " + preview(body),
        expected, send(request));
  }

  private Answer wrongContentType(int index, Random random, byte[] valid) throws Exception {
    List<String> types = List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/octet-stream", "application/x-www-form-urlencodedx", "form", "application/json-seq",
        "x/" + token(random, 1 + random.nextInt(40)), token(random, 1 + random.nextInt(40)));
    boolean none = random.nextInt(10) == 0;
    String type = types.get(random.nextInt(types.size()));
    String path = random.nextBoolean() ? UNSIGNED : SIGNED;
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .POST(BodyPublishers.ofByteArray(valid));
    if (!none) {
      request.header("Content-Type", type);
    }
    return new Answer(index, Kind.WRONG_CONTENT_TYPE, path + " " + (none ? "no content type" : type),
        Set.of(415), send(request.build()));
  }

  private Answer wrongMethod(int index, Random random, byte[] valid) throws Exception {
    String method = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS").get(random.nextInt(5));
    String path = random.nextBoolean() ? UNSIGNED : SIGNED;
    HttpRequest request = HttpRequest.newBuilder(server.uri(path))
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .header("Content-Type", FORM)
        .method(method, random.nextBoolean() ? BodyPublishers.ofByteArray(valid) : BodyPublishers.noBody())
        .build();
    return new Answer(index, Kind.WRONG_METHOD, method + " " + path, Set.of(405), send(request));
  }

  private Answer tooLarge(int index, Random random) throws Exception {
    long length = HostileInputTest.MAX_BODY_BYTES + 1 + random.nextInt(64 * 1024);
    boolean chunked = random.nextBoolean();
    String path = random.nextBoolean() ? UNSIGNED : SIGNED;
    byte[] body = new byte[(int) length];
    Arrays.fill(body, (byte) 'a');
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .header("Content-Type", FORM)
        .POST(chunked
            ? BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
            : BodyPublishers.ofByteArray(body));
    if (path.equals(SIGNED)) {
      // signed, so that its head passes screening and the size is what refuses it
      signedHeaders(signer, body).forEach(request::header);
    }
    return new Answer(index, Kind.TOO_LARGE, path + " " + length + " bytes " + (chunked ? "chunked" : "declared"),
        Set.of(413), send(request.build()));
  }

  private Answer garbageSignature(int index, Random random, byte[] valid) throws Exception {
    Map<String, String> headers = signedHeaders(signer, valid);
    String signature = headers.get("Signature");
    String garbage;
    if (random.nextBoolean()) {
      garbage = printable(random, random.nextInt(3000) + 1);
    } else {
      // not the last characters: base64's final character before the padding carries bits that decoding
      // ignores, so changing it can leave the signature bytes as they were
      int start = signature.indexOf("signature=\"") + "signature=\"".length();
      int at = start + random.nextInt(signature.length() - 5 - start);
      char original = signature.charAt(at);
      char replacement = original == 'A' ? 'B' : 'A';
      garbage = signature.substring(0, at) + replacement + signature.substring(at + 1);
    }
    headers.put("Signature", garbage);
    return signedAnswer(index, Kind.GARBAGE_SIGNATURE, "Signature: " + preview(garbage), headers, valid);
  }

  private Answer duplicateHeader(int index, Random random, byte[] valid) throws Exception {
    Map<String, String> headers = signedHeaders(signer, valid);
    String name = List.of("Date", "Digest", "Signature", "X-Copernica-ID", "X-Nonce").get(random.nextInt(5));
    String second = random.nextBoolean() ? printable(random, 1 + random.nextInt(200)) : headers.get(name) + "x";
    HttpRequest.Builder request = requestWith(headers, valid).header(name, second);
    return new Answer(index, Kind.DUPLICATE_HEADERS, "second " + name + ": " + preview(second), Set.of(401),
        send(request.build()));
  }

  private Answer tamperedBody(int index, Random random, byte[] valid) throws Exception {
    Map<String, String> headers = signedHeaders(signer, valid);
    byte[] tampered = valid.clone();
    int at = random.nextInt(tampered.length);
    tampered[at] = (byte) (tampered[at] == '1' ? '2' : '1');
    return signedAnswer(index, Kind.TAMPERED_BODY, "byte " + at + " changed", headers, tampered);
  }

  private Answer staleDate(int index, Random random, byte[] valid) throws Exception {
    long minutes = (6 + random.nextInt(1000)) * (random.nextBoolean() ? 1 : -1);
    WebhookSigner skewed = signer.withClock(
        Clock.fixed(Instant.now().plus(Duration.ofMinutes(minutes)), ZoneOffset.UTC));
    return signedAnswer(index, Kind.STALE_DATE, "Date " + minutes + " minutes off", signedHeaders(skewed, valid), valid);
  }

  private Answer garbageHeaderValue(int index, Random random, byte[] valid) throws Exception {
    Map<String, String> headers = signedHeaders(signer, valid);
    String name = List.of("Date", "Digest", "X-Copernica-ID", "X-Nonce").get(random.nextInt(4));
    String garbage = printable(random, 1 + random.nextInt(4000));
    headers.put(name, garbage);
    return signedAnswer(index, Kind.GARBAGE_HEADER_VALUES, name + ": " + preview(garbage), headers, valid);
  }

  private Answer signedAnswer(int index, Kind kind, String detail, Map<String, String> headers, byte[] body)
      throws Exception {
    return new Answer(index, kind, detail, Set.of(401), send(requestWith(headers, body).build()));
  }

  private Map<String, String> signedHeaders(WebhookSigner by, byte[] body) {
    return new LinkedHashMap<>(by.headersFor("POST", SIGNED, "127.0.0.1:" + server.port(), body));
  }

  private static String headerLines(Map<String, String> headers) {
    StringBuilder lines = new StringBuilder();
    headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
    return lines.toString();
  }

  private HttpRequest.Builder signedRequest(WebhookSigner by, byte[] body) {
    return requestWith(signedHeaders(by, body), body);
  }

  private HttpRequest.Builder requestWith(Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(SIGNED))
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .header("Content-Type", FORM)
        .POST(BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return request;
  }

  private int send(HttpRequest request) throws Exception {
    try {
      return client.send(request, BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException hang) {
      return NO_ANSWER;
    }
  }

  /** Requests HttpClient refuses to send, written byte for byte. */
  private Answer raw(int index, Kind kind, Random random) throws IOException {
    String path = random.nextBoolean() ? UNSIGNED : SIGNED;
    String start = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: " + FORM
        + "\r\nConnection: close\r\n";
    byte[] body = bytes(random, 1 + random.nextInt(200));
    String head;
    Set<Integer> expected;
    switch (kind) {
      case ABSURD_CONTENT_LENGTH: {
        String length = List.of("99999999999999999999999", "-1", "-99999999", "1e9", "0x10", "abc", "12 34", "+5",
            "9223372036854775807", "10000000000", "4294967297").get(random.nextInt(11));
        head = start + "Content-Length: " + length + "\r\n";
        expected = Set.of(400, 413);
        break;
      }
      case CONFLICTING_LENGTHS:
        head = random.nextBoolean()
            ? start + "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 7) + "\r\n"
            : start + "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked\r\n";
        expected = Set.of(400, 401);
        break;
      case SHORT_BODY:
        head = start + "Content-Length: " + (body.length + 1 + random.nextInt(100_000)) + "\r\n"
            + (path.equals(SIGNED) ? headerLines(signedHeaders(signer, body)) : "");
        // signed, its head passes screening and the body that ends early is what refuses it
        expected = Set.of(400);
        break;
      case MALFORMED_HEADER_LINES: {
        String line = List.of("NoColonHere", "Bad Name: x", "X-Ctl\u0001: y", "X-Nul: a\u0000b", ": no name",
            "X-Lf: a\nb", " folded: line").get(random.nextInt(7));
        head = start + line + "\r\nContent-Length: " + body.length + "\r\n";
        expected = Set.of(400, 401);
        break;
      }
      case DUPLICATE_HOST:
        head = start + "Host: other.example.com\r\nContent-Length: " + body.length + "\r\n";
        expected = Set.of(400);
        break;
      case NOT_HTTP: {
        // a complete head of garbage: a server may close without answering bytes that never end a line
        byte[] line = bytes(random, 1 + random.nextInt(2000));
        line[0] = (byte) ('A' + random.nextInt(26));
        for (int i = 0; i < line.length; i++) {
          line[i] = line[i] == '\r' || line[i] == '\n' ? (byte) 'x' : line[i];
        }
        byte[] garbage = concat(line, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return new Answer(index, kind, "bytes " + preview(garbage), Set.of(400),
            RawHttp.exchange(server.port(), garbage, TIMEOUT_MILLIS));
      }
      default:
        throw new AssertionError(kind);
    }
    byte[] request = concat((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1), body);
    return new Answer(index, kind, preview(head), expected, RawHttp.exchange(server.port(), request, TIMEOUT_MILLIS));
  }

  private static byte[] truncatedEscape(Random random, byte[] valid) {
    String body = new String(valid, StandardCharsets.US_ASCII);
    if (random.nextBoolean()) {
      int percent = body.indexOf('%', random.nextInt(body.length() - 3));
      int cut = percent < 0 ? body.indexOf('%') : percent;
      return body.substring(0, cut + 1 + random.nextInt(2)).getBytes(StandardCharsets.US_ASCII);
    }
    String bad = List.of("%", "%4", "%G1", "%zz", "%%41", "%4g", "%-1").get(random.nextInt(7));
    return (body + "&fields%5Bnote%5D=" + token(random, random.nextInt(50)) + bad)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] hugeKey(Random random) {
    int length = 1025 + random.nextInt(60_000);
    String key = random.nextBoolean() ? "k".repeat(length) : "fields%5B" + "x".repeat(length) + "%5D";
    return ("&" + key + "=1").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] deepBrackets(Random random) {
    int depth = 9 + random.nextInt(random.nextBoolean() ? 20 : 5000);
    String level = random.nextBoolean() ? "[b]" : "%5Bb%5D";
    return ("&a" + level.repeat(depth) + "=1").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] manyVariables(Random random) {
    StringBuilder body = new StringBuilder();
    int count = 10_001 + random.nextInt(2_000);
    for (int i = 0; i < count; i++) {
      body.append("&v").append(i).append("=1");
    }
    return body.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Invalid UTF-8 in a value or in a name, percent-encoded or raw, often after a name whose valid multi-byte
   * characters stand before, inside or after its brackets: the valid ones must parse, the invalid ones be
   * refused with 400.
   */
  private static byte[] invalidUtf8(Random random) {
    byte[] good = random.nextBoolean() ? new byte[0] : goodMultiByteName(random);
    byte raw = (byte) (0x80 + random.nextInt(0x80));
    String escape = List.of("%FF", "%C3%28", "%E2%82", "%F0%28%8C%BC", "%ED%A0%80", "%C0%AF", "%80")
        .get(random.nextInt(7));
    switch (random.nextInt(5)) {
      case 0:
        return concat(good, concat("&fields%5Bname%5D=".getBytes(StandardCharsets.US_ASCII), new byte[] {raw}));
      case 1:
        return concat(good, ("&" + escape + "%5B%5D=x").getBytes(StandardCharsets.US_ASCII));
      case 2:
        return concat(good, concat(concat("&x".getBytes(StandardCharsets.US_ASCII), new byte[] {raw}),
            "[a]=1".getBytes(StandardCharsets.US_ASCII)));
      case 3:
        return concat(good, ("&fields%5B%C3%A9" + escape + "%5D=x").getBytes(StandardCharsets.US_ASCII));
      default:
        return concat(good, ("&fields%5Bname%5D=x" + escape).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** A valid extra variable whose name has multi-byte characters around its brackets, encoded or raw. */
  private static byte[] goodMultiByteName(Random random) {
    String name = List.of("é[]", "xé[ab]", "😀[]", "名前[é]", "a[😀][é]", "fields[é😀]").get(random.nextInt(6));
    String encoded = java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
    return random.nextBoolean()
        ? ("&" + encoded + "=ok").getBytes(StandardCharsets.US_ASCII)
        : ("&" + name + "=ok").getBytes(StandardCharsets.UTF_8);
  }

  /** Good multi-byte UTF-8 characters, raw or percent-encoded, for names. */
  private static final List<String> MULTIBYTE = List.of(
      "\u00e9", "%C3%A9", "\u00df", "\u20ac", "%E2%82%AC", "\u4e2d", "\ud83d\ude00", "%F0%9F%98%80", "\u05d0");
  /** Broken UTF-8, raw or percent-encoded: lone continuation bytes, truncated sequences, overlongs, surrogates. */
  private static final List<String> BROKEN_UTF8 = List.of(
      "%FF", "%C3%28", "%E2%82", "%F0%28%8C%BC", "%ED%A0%80", "%C0%AF", "%80", "%C3");

  /**
   * A body whose names carry good multi-byte characters before a bracket, inside one and after one (the
   * names the parser once crashed on), refused only because {@code profile} is not a number: every name must
   * be parsed before that is found.
   */
  private static byte[] multibyteNames(Random random) {
    StringBuilder body = new StringBuilder("type=update&profile=" + token(random, 1 + random.nextInt(5))
        + "x&database=1" + TIMESTAMP);
    int names = 1 + random.nextInt(4);
    for (int i = 0; i < names; i++) {
      body.append('&').append(nameAround(random, MULTIBYTE.get(random.nextInt(MULTIBYTE.size())))).append('=')
          .append(token(random, random.nextInt(8)));
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A variable whose name carries broken UTF-8 somewhere around its brackets, raw or percent-encoded. */
  private static byte[] invalidUtf8Name(Random random) {
    if (random.nextInt(4) == 0) {
      byte[] name = ("&" + nameAround(random, "\u0000") + "=x").getBytes(StandardCharsets.UTF_8);
      byte raw = (byte) (0x80 + random.nextInt(0x80));
      for (int i = 0; i < name.length; i++) {
        name[i] = name[i] == 0 ? raw : name[i];
      }
      return name;
    }
    return ("&" + nameAround(random, BROKEN_UTF8.get(random.nextInt(BROKEN_UTF8.size()))) + "=x")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A name with {@code text} before a bracket, inside it or after it, with brackets raw or percent-encoded. */
  private static String nameAround(Random random, String text) {
    boolean encoded = random.nextBoolean();
    String open = encoded ? "%5B" : "[";
    String close = encoded ? "%5D" : "]";
    switch (random.nextInt(6)) {
      case 0:
        return text + open + close;
      case 1:
        return "x" + text + open + "ab" + close;
      case 2:
        return "fields" + open + text + close;
      case 3:
        return "a" + open + "b" + close + text;
      case 4:
        return text + open + text + close + open + close;
      default:
        return "p" + text + "q";
    }
  }

  private static byte[] brokenJson(Random random) {
    String valid = "{\"type\":\"update\",\"profile\":7,\"database\":1,\"timestamp\":\"2026-11-28 08:00:00\","
        + "\"fields\":{\"email\":\"a@example.com\"}}";
    switch (random.nextInt(6)) {
      case 0:
        return valid.substring(0, 1 + random.nextInt(valid.length() - 2)).getBytes(StandardCharsets.UTF_8);
      case 1:
        return "[".repeat(1 + random.nextInt(20_000)).getBytes(StandardCharsets.US_ASCII);
      case 2:
        return ("{\"type\":\"update\",\"x\":" + "{\"a\":".repeat(1 + random.nextInt(5000)))
            .getBytes(StandardCharsets.US_ASCII);
      case 3:
        return List.of("null", "123", "\"text\"", "true", "[]", "{}", "").get(random.nextInt(7))
            .getBytes(StandardCharsets.US_ASCII);
      case 4:
        return valid.replace("7", "\"seven\"").getBytes(StandardCharsets.UTF_8);
      default:
        return bytes(random, 1 + random.nextInt(1000));
    }
  }

  private static byte[] invalidVariable(Random random) {
    List<String> bodies = List.of(
        "type=update&profile=" + token(random, 1 + random.nextInt(10)) + "x&database=1" + TIMESTAMP,
        "type=update&database=1" + TIMESTAMP,
        "type=update&profile=99999999999999999999999&database=1" + TIMESTAMP,
        "type=update&profile=1&database=1&timestamp=" + token(random, 1 + random.nextInt(30)),
        "profile=1&database=1" + TIMESTAMP,
        "type=update&subprofile=abc&profile=1&collection=2" + TIMESTAMP,
        "type=update&profile=-&database=1" + TIMESTAMP);
    return bodies.get(random.nextInt(bodies.size())).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String token(Random random, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Visible ASCII and spaces, which HttpClient accepts in a header value. */
  private static String printable(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) (0x20 + random.nextInt(0x5f)));
    }
    return text.toString().trim().isEmpty() ? "x" : text.toString().trim();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  private static String preview(byte[] bytes) {
    return preview(new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1));
  }

  private static String preview(String text) {
    String shortened = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return shortened.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
