package io.github.copernicawebhooks.signature;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The draft-cavage signing string: for each signed name, {@code name + ": " + value}, joined by
 * {@code \n}, with no trailing newline. Shared by the verifier and the signer.
 */
final class SignatureString {

  /** The pseudo-header that stands for the lower-cased method and the request target. */
  static final String REQUEST_TARGET = "(request-target)";

  private SignatureString() {}

  /**
   * Builds the signing string.
   *
   * @param names the signed names in order, lower case, pseudo-headers included
   * @param method the HTTP method as sent
   * @param target the path and query as the sender saw them
   * @param values every value of a header (or of a pseudo-header such as {@code (created)}) by lower-case
   *     name; an empty list when the request does not have it
   * @throws WebhookException with {@link Reason#SIGNED_HEADER_MISSING} when a signed header is absent
   */
  static String build(
      List<String> names, String method, String target, Function<String, List<String>> values) {
    StringBuilder signingString = new StringBuilder(512); // Copernica's strings are ~350 chars
    for (String name : names) {
      if (signingString.length() > 0) {
        signingString.append('\n');
      }
      signingString.append(name).append(": ");
      if (REQUEST_TARGET.equals(name)) {
        signingString.append(method.toLowerCase(Locale.ROOT)).append(' ').append(target);
      } else {
        appendValues(signingString, name, values.apply(name));
      }
    }
    return signingString.toString();
  }

  // Several values of one header are joined by ", " in the order received, each trimmed (draft -10 §2.3).
  private static void appendValues(StringBuilder signingString, String name, List<String> values) {
    if (values.isEmpty()) {
      throw new WebhookException(
          Reason.SIGNED_HEADER_MISSING, "signed header '" + name + "' is absent from the request");
    }
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        signingString.append(", ");
      }
      signingString.append(values.get(i).trim());
    }
  }
}
