package io.github.copernicawebhooks.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A receiver that writes each call it gets, exactly as it arrived, to a fixture file, and answers it
 * itself or with what the receiver it forwards to answered.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = {
        "Listens for webhook calls and writes each, exactly as it arrived, to a fixture file in --dir.",
        "The file is the raw HTTP/1.1 request: request line, header lines as received, empty line, body.",
        "With --forward it sends the call on (with its own Host header) and answers what that receiver answered."
    })
final class CaptureCommand implements Callable<Integer> {

  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "P", description = "The port to listen on; 0 picks a free one.")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String bind = "127.0.0.1";

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "captures",
      description = "Where to write the fixture files (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("captures");

  @Option(names = "--forward", paramLabel = "URL", description = "Send each call on to this receiver.")
  @Nullable URI forward;

  @Option(names = "--max-calls", paramLabel = "N", description = "Stop after N calls (default: run until stopped).")
  int maxCalls;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dir);
    PrintWriter out = spec.commandLine().getOut();
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName(bind))) {
      out.println("listening on http://" + bind + ":" + server.getLocalPort() + "/, writing to " + dir);
      out.flush();
      for (int calls = 0; maxCalls <= 0 || calls < maxCalls; calls++) {
        try (Socket socket = server.accept()) {
          out.println(handleOrRefuse(socket));
          out.flush();
        }
      }
    }
    return 0;
  }

  /** One bad call (cut short, not HTTP, too large) is answered 400 and the capture goes on. */
  private String handleOrRefuse(Socket socket) throws Exception {
    try {
      return handle(socket);
    } catch (IOException e) {
      try {
        answer(socket.getOutputStream(), 400, e.getMessage() + "\n");
      } catch (IOException gone) {
        // the caller has gone: nothing to answer
      }
      return "refused a call: " + e.getMessage();
    }
  }

  private String handle(Socket socket) throws Exception {
    byte[] request = read(socket.getInputStream());
    if (request.length == 0) {
      answer(socket.getOutputStream(), 411, "only calls with a Content-Length are captured\n");
      return "refused a call without Content-Length";
    }
    CapturedCall call = CapturedCall.parse(request);
    Path file = nextFile();
    Files.write(file, call.toBytes());
    if (forward == null) {
      answer(socket.getOutputStream(), 200, "captured " + file.getFileName() + "\n");
      return call.method() + " " + call.target() + " -> " + file;
    }
    Delivery.Answer answer = Delivery.post(forward, Replaying.headersAsIs(call), call.body());
    answer(socket.getOutputStream(), answer.status(), answer.body());
    return call.method() + " " + call.target() + " -> " + file + ", forwarded: " + answer.line();
  }

  /** The request's bytes, or none when it has no Content-Length (chunked calls are not captured). */
  private static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int end = -1;
    while (end < 0) {
      int read = in.read(buffer);
      if (read < 0 || bytes.size() > MAX_HEAD_BYTES) {
        throw new IOException("the call ended or grew too long before its headers did");
      }
      bytes.write(buffer, 0, read);
      end = CapturedCall.headEnd(bytes.toByteArray());
    }
    byte[] head = bytes.toByteArray();
    long length = contentLength(new String(head, 0, end, StandardCharsets.ISO_8859_1));
    if (length < 0) {
      return new byte[0];
    }
    long total = (head[end + 1] == '\r' ? end + 3 : end + 2) + length;
    while (bytes.size() < total) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, total - bytes.size()));
      if (read < 0) {
        throw new IOException("the call ended before its Content-Length of body bytes");
      }
      bytes.write(buffer, 0, read);
    }
    return Arrays.copyOf(bytes.toByteArray(), (int) total);
  }

  private static long contentLength(String head) throws IOException {
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
        long length = Long.parseLong(line.substring(colon + 1).strip());
        if (length > MAX_BODY_BYTES) {
          throw new IOException("a body of " + length + " bytes is more than the " + MAX_BODY_BYTES + " captured");
        }
        return length;
      }
    }
    return -1;
  }

  private Path nextFile() {
    for (int n = 1; ; n++) {
      Path file = dir.resolve(String.format("call-%03d.http", n));
      if (!Files.exists(file)) {
        return file;
      }
    }
  }

  private static void answer(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " \r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + bytes.length + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }
}
