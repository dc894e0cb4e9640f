package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifier's checks of one call and their results, for the detail view.
 *
 * <p>Nothing is traced while verifying: the steps follow from the refusal's reason, because the verifier
 * runs its checks in a fixed, documented order and stops at the first that fails: {@code
 * SignatureVerifier.verifyHead} checks, before the body is read, the header set and the signature
 * parameters (repeated headers, algorithm, keyId, signed headers), the account, the date, the form of the
 * digest header, the key and the signature; {@code verifyBody} then compares the digest with the body and
 * asks the replay guard. So the steps before the failed one passed and those after it did not run, and a
 * call that got past verification passed them all. This costs the receiver nothing; a test pins
 * the order to the real verifier.
 */
final class VerificationSteps {

  /** One check and its result ({@code passed}, {@code failed}, {@code not run}, {@code off}). */
  record Step(String name, String result, String detail) {}

  private enum Check {
    SIGNATURE_HEADER("Signature header"),
    ACCOUNT("Account (X-Copernica-ID)"),
    DATE("Date"),
    DIGEST_HEADER("Digest header"),
    KEY("Public key"),
    SIGNATURE("Signature"),
    DIGEST("Digest of the body"),
    REPLAY("Replay guard");

    final String title;

    Check(String title) {
      this.title = title;
    }
  }

  private static final Pattern PARAMETER = Pattern.compile("(keyId|algorithm|headers)\\s*=\\s*\"([^\"]*)\"",
      Pattern.CASE_INSENSITIVE);

  private VerificationSteps() {}

  /**
   * The steps of a call.
   *
   * @param verifies whether the receiver verifies signatures at all
   * @param outcome what became of the call
   * @param reason why it was refused, if it was
   * @param message the refusal's message
   * @param headers the call's headers as kept
   * @param answeredAt when it was answered, to say how far its Date was off
   */
  static List<Step> of(boolean verifies, Outcome outcome, Optional<Reason> reason, Optional<String> message,
      List<Header> headers, Instant answeredAt) {
    if (!verifies) {
      return List.of(new Step("Signature verification", "off", "the receiver accepts unsigned calls"));
    }
    Optional<Check> failed = reason.flatMap(VerificationSteps::checkOf);
    boolean beforeVerification = reason.isPresent() && failed.isEmpty() && isScreened(reason.get());
    boolean unknown = reason.isEmpty() && outcome == Outcome.ERROR;
    List<Step> steps = new ArrayList<>();
    for (Check check : Check.values()) {
      String result;
      String detail = detail(check, headers, answeredAt);
      if (beforeVerification) {
        result = "not run";
        detail = "the call was refused before verification";
      } else if (unknown) {
        result = "unknown";
      } else if (failed.isPresent() && check == failed.get()) {
        result = "failed";
        detail = reason.get().name() + ": " + message.orElse("") + (detail.isEmpty() ? "" : " (" + detail + ")");
      } else if (failed.isPresent() && check.ordinal() > failed.get().ordinal()) {
        result = "not run";
      } else {
        result = "passed";
      }
      steps.add(new Step(check.title, result, detail));
    }
    return steps;
  }

  private static boolean isScreened(Reason reason) {
    return reason == Reason.METHOD_NOT_ALLOWED || reason == Reason.UNSUPPORTED_CONTENT_TYPE
        || reason == Reason.BODY_TOO_LARGE;
  }

  private static Optional<Check> checkOf(Reason reason) {
    switch (reason) {
      case HEADER_REPEATED:
      case SIGNATURE_MISSING:
      case SIGNATURE_MALFORMED:
      case ALGORITHM_UNSUPPORTED:
      case KEY_ID_INVALID:
      case SIGNED_HEADER_MISSING:
        return Optional.of(Check.SIGNATURE_HEADER);
      case ACCOUNT_UNKNOWN:
        return Optional.of(Check.ACCOUNT);
      case DATE_MISSING:
      case DATE_INVALID:
      case DATE_STALE:
      case DATE_FUTURE:
        return Optional.of(Check.DATE);
      case DIGEST_MISSING:
      case DIGEST_UNSUPPORTED:
        return Optional.of(Check.DIGEST_HEADER);
      case DIGEST_MISMATCH:
        return Optional.of(Check.DIGEST);
      case KEY_NOT_FOUND:
      case KEY_UNAVAILABLE:
        return Optional.of(Check.KEY);
      case SIGNATURE_INVALID:
        return Optional.of(Check.SIGNATURE);
      case REPLAYED:
        return Optional.of(Check.REPLAY);
      default:
        return Optional.empty();
    }
  }

  /** What the call carried for this check, read from its headers. */
  private static String detail(Check check, List<Header> headers, Instant answeredAt) {
    switch (check) {
      case SIGNATURE_HEADER:
        return signatureParameters(headers);
      case ACCOUNT:
        return header(headers, "x-copernica-id").map(value -> "X-Copernica-ID: " + value).orElse("no X-Copernica-ID");
      case DATE:
        return header(headers, "date").map(value -> value + offset(value, answeredAt)).orElse("no Date header");
      case DIGEST_HEADER:
      case DIGEST:
        return header(headers, "digest").map(VerificationSteps::digestAlgorithms).orElse("no Digest header");
      case KEY:
        return parameter(headers, "keyId").map(keyId -> "keyId " + keyId).orElse("");
      case REPLAY:
        return header(headers, "x-nonce").map(nonce -> "X-Nonce " + nonce).orElse("no X-Nonce: the signature is the token");
      default:
        return "";
    }
  }

  private static String signatureParameters(List<Header> headers) {
    List<String> parts = new ArrayList<>();
    Optional<String> value = signatureHeader(headers);
    if (value.isEmpty()) {
      return "no Signature header";
    }
    Matcher matcher = PARAMETER.matcher(value.get());
    while (matcher.find()) {
      parts.add(matcher.group(1) + "=" + matcher.group(2));
    }
    return String.join(", ", parts);
  }

  private static Optional<String> parameter(List<Header> headers, String name) {
    Optional<String> value = signatureHeader(headers);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = PARAMETER.matcher(value.get());
    while (matcher.find()) {
      if (matcher.group(1).equalsIgnoreCase(name)) {
        return Optional.of(matcher.group(2));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> signatureHeader(List<Header> headers) {
    return header(headers, "signature").or(() -> header(headers, "authorization"));
  }

  private static String digestAlgorithms(String digest) {
    List<String> algorithms = new ArrayList<>();
    for (String part : digest.split(",")) {
      int equals = part.indexOf('=');
      algorithms.add(equals < 0 ? part.trim() : part.substring(0, equals).trim());
    }
    return "Digest " + String.join(", ", algorithms);
  }

  private static String offset(String date, Instant answeredAt) {
    try {
      Instant sent = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.trim(), Instant::from);
      long seconds = Duration.between(sent, answeredAt).getSeconds();
      return seconds >= 0 ? " (" + seconds + " s before it was answered)" : " (" + -seconds + " s in the future)";
    } catch (DateTimeParseException unreadable) {
      return "";
    }
  }

  private static Optional<String> header(List<Header> headers, String name) {
    return headers.stream().filter(header -> header.name().equals(name)).map(Header::value).findFirst();
  }
}
