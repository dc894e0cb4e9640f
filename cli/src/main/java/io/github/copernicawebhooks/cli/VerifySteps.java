package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifier's checks, in its documented order (the console's detail view shows the same): it stops at
 * the first that fails, so those before it passed and those after it did not run.
 */
enum VerifySteps {
  SIGNATURE_HEADER("Signature header", "Signature"),
  ACCOUNT("Account (X-Copernica-ID)", "X-Copernica-ID"),
  DATE("Date", "Date"),
  DIGEST_HEADER("Digest header", "Digest"),
  KEY("Public key", ""),
  SIGNATURE("Signature", ""),
  DIGEST("Digest of the body", "");

  private static final Pattern SIGNATURE_VALUE = Pattern.compile(",?\\s*signature\\s*=\\s*\"[^\"]*\"");
  private static final Pattern KEY_ID = Pattern.compile("keyId\\s*=\\s*\"([^\"]*)\"");

  private final String title;
  private final String header;

  VerifySteps(String title, String header) {
    this.title = title;
    this.header = header;
  }

  /** Prints one line per check: its result, its title and the header it checked. */
  static void print(PrintWriter out, CapturedCall call, Optional<WebhookException> failure) {
    Optional<VerifySteps> failed = failure.map(e -> of(e.reason()));
    for (VerifySteps step : values()) {
      String result;
      String detail = step.detail(call);
      if (failed.isPresent() && failed.get() == step) {
        result = "failed ";
        detail = failure.get().reason() + ": " + failure.get().getMessage();
      } else if (failed.isPresent() && step.ordinal() > failed.get().ordinal()) {
        result = "not run";
      } else {
        result = "passed ";
      }
      out.println("  " + result + "  " + String.format("%-26s", step.title) + detail);
    }
    out.println(failure.isEmpty() ? "verified" : "not verified: " + failure.get().reason());
  }

  /** The header this step checks; of the Signature header its parameters but the signature itself. */
  private String detail(CapturedCall call) {
    if (this == KEY) {
      return call.header("Signature").map(VerifySteps::keyId).orElse("");
    }
    String value = header.isEmpty() ? "" : call.header(header).orElse("(absent)");
    return this == SIGNATURE_HEADER ? SIGNATURE_VALUE.matcher(value).replaceAll("") : value;
  }

  private static String keyId(String signature) {
    Matcher keyId = KEY_ID.matcher(signature);
    return keyId.find() ? "keyId " + keyId.group(1) : "";
  }

  private static VerifySteps of(Reason reason) {
    return switch (reason) {
      case ACCOUNT_UNKNOWN -> ACCOUNT;
      case DATE_MISSING, DATE_INVALID, DATE_STALE, DATE_FUTURE -> DATE;
      case DIGEST_MISSING, DIGEST_UNSUPPORTED -> DIGEST_HEADER;
      case DIGEST_MISMATCH -> DIGEST;
      case KEY_NOT_FOUND, KEY_UNAVAILABLE -> KEY;
      case SIGNATURE_INVALID -> SIGNATURE;
      default -> SIGNATURE_HEADER;
    };
  }
}
