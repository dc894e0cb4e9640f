package io.github.copernicawebhooks.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text of one call as the masking console shows it: the values {@link Masking} masked elsewhere are
 * masked here too, wherever they are quoted.
 *
 * <ul>
 *   <li>Headers and the request target: email addresses, and the masked values of at least
 *       {@link #MIN_SUBSTRING_LENGTH} characters.
 *   <li>Messages (the parser's, the verifier's, Jackson's): every masked value, a short one only as a whole
 *       word, and every quoted text ({@code 'x'}, {@code "x"}) that is not a variable's name.
 *   <li>Handler errors and stack traces: the same in each message line, frames kept. When not every value of
 *       the call is known (its body was cut, or could not be decoded), only the exception classes are kept:
 *       a handler's message can quote anything.
 * </ul>
 */
final class MaskedText {

  /** Values this short are masked in messages only as whole words, and not at all in headers. */
  static final int MIN_SUBSTRING_LENGTH = 4;

  private static final Pattern QUOTED =
      Pattern.compile("(?<![\\p{L}\\p{N}])'([^'\\n]*)'(?![\\p{L}\\p{N}])|\"([^\"\\n]*)\"");
  private static final Pattern FRAME = Pattern.compile("\\t+(?:at .*|\\.\\.\\. \\d+ more)");
  private static final Pattern EXCEPTION_CLASS = Pattern.compile(
      "(\\s*(?:Caused by: |Suppressed: )?[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+)(:.*)?");
  /** Quoted words that are no value: JSON's literals, as Jackson's messages name them. */
  private static final Set<String> LITERALS = Set.of("null", "true", "false");

  private final Set<String> names;
  private final Set<String> secrets = new LinkedHashSet<>();
  private List<Pattern> longestFirst = List.of();
  private boolean everyValueSeen;

  /** Masked text that keeps these names (a live view: the masking adds to it) when they are quoted. */
  MaskedText(Set<String> names) {
    this.names = names;
  }

  void secret(String value) {
    if (secrets.add(value)) {
      longestFirst = List.of();
    }
  }

  void sawEveryValue() {
    everyValueSeen = true;
  }

  String plain(String text) {
    String masked = text;
    for (String secret : secretsLongestFirst()) {
      if (secret.length() >= MIN_SUBSTRING_LENGTH) {
        masked = masked.replace(secret, Masking.MASK);
      }
    }
    return Masking.EMAIL.matcher(masked).replaceAll(Masking.MASK);
  }

  String message(String message) {
    String masked = Masking.EMAIL.matcher(everySecretMasked(message)).replaceAll(Masking.MASK);
    Matcher quoted = QUOTED.matcher(masked);
    StringBuilder shown = new StringBuilder(masked.length());
    while (quoted.find()) {
      String inside = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
      String quote = quoted.group(1) != null ? "'" : "\"";
      String replacement = isHarmless(inside) ? quoted.group() : quote + Masking.MASK + quote;
      quoted.appendReplacement(shown, Matcher.quoteReplacement(replacement));
    }
    quoted.appendTail(shown);
    return shown.toString();
  }

  String handlerError(String error) {
    String[] lines = error.split("\n", -1);
    StringBuilder shown = new StringBuilder(error.length());
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        shown.append('\n');
      }
      String line = lines[i];
      shown.append(FRAME.matcher(line).matches() ? plain(line) : everyValueSeen ? message(line) : classOnly(line));
    }
    return shown.toString();
  }

  /** {@code Caused by: a.b.Failure: unknown city Ede} becomes {@code Caused by: a.b.Failure: ***}. */
  private static String classOnly(String line) {
    Matcher exception = EXCEPTION_CLASS.matcher(line);
    if (exception.matches()) {
      return exception.group(2) == null ? line : exception.group(1) + ": " + Masking.MASK;
    }
    return line.isBlank() ? line : Masking.MASK;
  }

  private boolean isHarmless(String quoted) {
    return quoted.isEmpty() || quoted.equals(Masking.MASK) || names.contains(quoted) || Masking.isShown(quoted)
        || LITERALS.contains(quoted);
  }

  private String everySecretMasked(String text) {
    String masked = text;
    for (Pattern secret : secretPatterns()) {
      masked = secret.matcher(masked).replaceAll(Matcher.quoteReplacement(Masking.MASK));
    }
    return masked;
  }

  /** Each secret as a pattern, the longest first: a short one matches only as a whole word. */
  private List<Pattern> secretPatterns() {
    if (longestFirst.isEmpty() && !secrets.isEmpty()) {
      List<Pattern> patterns = new ArrayList<>();
      for (String secret : secretsLongestFirst()) {
        patterns.add(secret.length() >= MIN_SUBSTRING_LENGTH
            ? Pattern.compile(Pattern.quote(secret))
            : Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}])"));
      }
      longestFirst = List.copyOf(patterns);
    }
    return longestFirst;
  }

  private List<String> secretsLongestFirst() {
    List<String> sorted = new ArrayList<>(secrets);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return sorted;
  }
}
