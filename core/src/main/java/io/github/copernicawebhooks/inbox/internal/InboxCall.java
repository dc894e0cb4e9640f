package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.ReplayToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the insert of one call into the inbox table needs, fixed when the call arrives: what is stored
 * directly and what is spooled and drained later is the same row, keys and received time included.
 */
record InboxCall(
    long receivedAt,
    String method,
    String target,
    String headers,
    Optional<String> remoteAddress,
    byte[] body,
    String bodyHash,
    Optional<String> nonce,
    Optional<String> nonceKey,
    OptionalLong nonceExpiresAt,
    EventColumns columns) {

  private static final int NONCE_LENGTH = 255;
  private static final int VERSION = 1;

  static InboxCall of(WebhookRequest request, WebhookEvent event, Optional<ReplayToken> replayToken, long now) {
    return new InboxCall(now, StorableText.of(request.method()), StorableText.of(request.target()),
        StoredHeaders.encode(request), request.remoteAddress().map(StorableText::of), request.body(),
        InboxStore.sha256Hex(request.body()),
        request.header("x-nonce").map(InboxCall::shortNonce),
        replayToken.map(token -> InboxStore.sha256Hex(token.token().getBytes(StandardCharsets.UTF_8))),
        replayToken.map(token -> OptionalLong.of(token.expiresAt().toEpochMilli())).orElse(OptionalLong.empty()),
        EventColumns.of(event));
  }

  private static String shortNonce(String nonce) {
    return StorableText.of(nonce.trim(), NONCE_LENGTH);
  }

  /** The call as a spool record's payload. */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + headers.length() + 512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(receivedAt);
      text(out, method);
      text(out, target);
      text(out, headers);
      optional(out, remoteAddress);
      out.writeInt(body.length);
      out.write(body);
      text(out, bodyHash);
      optional(out, nonce);
      optional(out, nonceKey);
      optional(out, nonceExpiresAt);
      text(out, columns.eventType());
      optional(out, columns.profileId());
      optional(out, columns.subprofileId());
      optional(out, columns.databaseId());
      optional(out, columns.collectionId());
      optional(out, columns.messageId());
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  /**
   * The call of a spool record's payload, which passed its checksum.
   *
   * @throws IOException when the payload is not a call of a version this code reads
   */
  static InboxCall decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("spool record of unknown version " + version);
    }
    long receivedAt = in.readLong();
    String method = text(in);
    String target = text(in);
    String headers = text(in);
    Optional<String> remoteAddress = optionalText(in);
    byte[] body = bytes(in);
    String bodyHash = text(in);
    Optional<String> nonce = optionalText(in);
    Optional<String> nonceKey = optionalText(in);
    OptionalLong nonceExpiresAt = optionalLong(in);
    EventColumns columns = new EventColumns(text(in), optionalLong(in), optionalLong(in), optionalLong(in),
        optionalLong(in), optionalText(in));
    return new InboxCall(receivedAt, method, target, headers, remoteAddress, body, bodyHash, nonce, nonceKey,
        nonceExpiresAt, columns);
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      text(out, value.get());
    }
  }

  private static void optional(DataOutputStream out, OptionalLong value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeLong(value.getAsLong());
    }
  }

  private static String text(DataInputStream in) throws IOException {
    return new String(bytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("spool record with a field of " + length + " bytes past its end");
    }
    return in.readNBytes(length);
  }

  private static Optional<String> optionalText(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(text(in)) : Optional.empty();
  }

  private static OptionalLong optionalLong(DataInputStream in) throws IOException {
    return in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
  }
}
