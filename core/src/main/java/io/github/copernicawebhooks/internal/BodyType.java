package io.github.copernicawebhooks.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a content type says about a body: form or JSON, and the charset its text is decoded in. Not API.
 *
 * @param json whether the body is JSON ({@code false}: form-urlencoded)
 * @param charset the declared charset, UTF-8 when none is declared (US-ASCII, a subset, is read as UTF-8 too)
 */
public record BodyType(boolean json, Charset charset) {

  /** A form body in UTF-8: what Copernica sends. */
  public static final BodyType FORM = new BodyType(false, StandardCharsets.UTF_8);
  /** A JSON body in UTF-8. */
  public static final BodyType JSON = new BodyType(true, StandardCharsets.UTF_8);

  public BodyType {
    Objects.requireNonNull(charset, "charset");
  }

  /** Whether the body is decoded on the UTF-8 path, the fast one. */
  boolean isUtf8() {
    return charset.equals(StandardCharsets.UTF_8);
  }
}
