package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.function.IntUnaryOperator;

/**
 * Strict decoding in a declared charset other than UTF-8: a byte sequence the charset does not define is an
 * error, never a replacement character that would change a value unnoticed.
 */
final class Charsets {

  private Charsets() {}

  /**
   * The text of {@code bytes[from, to)} in {@code charset}.
   *
   * @param where what the bytes are, for the message ({@code "the body"})
   * @param bodyOffset the body offset of {@code bytes[index]}, for the message
   */
  static String decode(byte[] bytes, int from, int to, Charset charset, String where, IntUnaryOperator bodyOffset) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
        (long) Math.ceil((to - from) * (double) decoder.maxCharsPerByte()) + 1));
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new WebhookException(Reason.MALFORMED_BODY,
          "invalid " + charset.name() + " in " + where + " at byte " + bodyOffset.applyAsInt(in.position()));
    }
    if (result.isOverflow()) {
      throw new IllegalStateException(charset + " decodes to more than maxCharsPerByte promises");
    }
    return out.flip().toString();
  }
}
