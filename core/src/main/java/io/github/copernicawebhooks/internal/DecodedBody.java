package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The decoded variables of one body, in the order received: the PHP bracket tree kept flat. Each entry has
 * its full name ({@code interests[group][]}), its value, the length of its base name ({@code interests}) and
 * its bracket depth (2). Both decoders fill it through {@link #add}, which checks the names and the limits,
 * so form and JSON bodies obey the same rules. Not thread-safe; handed over to one event after decoding.
 */
final class DecodedBody {

  /** The group of a variable whose base name is none of the below. */
  public static final byte OTHER = 0;
  /** The group of {@code fields[...]} variables. */
  public static final byte FIELDS = 1;
  /** The group of {@code parameters[...]} variables. */
  public static final byte PARAMETERS = 2;
  /** The group of {@code interests} variables. */
  public static final byte INTERESTS = 3;

  private final ParserLimits limits;
  private VariableName[] names;
  private String[] values;
  private int size;

  DecodedBody(ParserLimits limits, int expectedSize) {
    this.limits = limits;
    int capacity = Math.max(4, Math.min(expectedSize, limits.maxVariables()));
    names = new VariableName[capacity];
    values = new String[capacity];
  }

  /** Adds a variable whose brackets the caller has checked already; checks the variable count. */
  void add(VariableName name, String value, int nameOffset) {
    requireRoom(nameOffset);
    names[size] = name;
    values[size] = value;
    size++;
  }

  private void requireRoom(int nameOffset) {
    if (size == limits.maxVariables()) {
      throw new WebhookException(Reason.LIMIT_EXCEEDED,
          "more than " + limits.maxVariables() + " variables (variable at byte " + nameOffset + ")");
    }
    if (size == names.length) {
      grow();
    }
  }

  /** Adds a variable after checking its name's brackets, its depth and the variable count. */
  void add(String name, String value, int nameOffset) {
    requireRoom(nameOffset);
    int base = name.indexOf('[');
    int depth = 0;
    if (base < 0) {
      base = name.length();
      requireNoClosingBracket(name, 0, base, nameOffset);
    } else {
      depth = bracketDepth(name, base, nameOffset);
    }
    if (base == 0) {
      throw new WebhookException(Reason.MALFORMED_BODY, "variable at byte " + nameOffset + " has no name");
    }
    names[size] = new VariableName(name, base, depth, name.length(), null, 0);
    values[size] = value;
    size++;
  }

  private int bracketDepth(String name, int open, int nameOffset) {
    requireNoClosingBracket(name, 0, open, nameOffset);
    int depth = 0;
    int position = open;
    int length = name.length();
    while (position < length) {
      if (name.charAt(position) != '[') {
        throw malformedName(name, nameOffset, "text after a closing bracket");
      }
      int close = name.indexOf(']', position + 1);
      if (close < 0) {
        throw malformedName(name, nameOffset, "an unclosed bracket");
      }
      int nested = name.indexOf('[', position + 1);
      if (nested >= 0 && nested < close) {
        throw malformedName(name, nameOffset, "a bracket inside brackets");
      }
      depth++;
      if (depth > limits.maxDepth()) {
        throw new WebhookException(Reason.LIMIT_EXCEEDED, "variable at byte " + nameOffset
            + " is nested deeper than " + limits.maxDepth() + " brackets");
      }
      position = close + 1;
    }
    return depth;
  }

  private static void requireNoClosingBracket(String name, int from, int to, int nameOffset) {
    int close = name.indexOf(']', from);
    if (close >= 0 && close < to) {
      throw malformedName(name, nameOffset, "a closing bracket without an opening one");
    }
  }

  private static WebhookException malformedName(String name, int nameOffset, String problem) {
    return new WebhookException(Reason.MALFORMED_BODY,
        "variable name '" + Texts.shorten(name) + "' at byte " + nameOffset + " has " + problem);
  }

  private void grow() {
    int capacity = (int) Math.min((long) names.length * 2, limits.maxVariables());
    names = Arrays.copyOf(names, capacity);
    values = Arrays.copyOf(values, capacity);
  }

  /** The number of variables. */
  public int size() {
    return size;
  }

  /** The full name of variable {@code index}, brackets included. */
  public String name(int index) {
    return names[index].name;
  }

  /** The value of variable {@code index}. */
  public String value(int index) {
    return values[index];
  }

  /** The length of the name before the first bracket. */
  public int baseLength(int index) {
    return names[index].baseLength;
  }

  /** The number of bracket pairs in the name. */
  public int depth(int index) {
    return names[index].depth;
  }

  /**
   * For a name with one bracket pair, the text inside it ({@code email} of {@code fields[email]}).
   */
  public String key(int index) {
    VariableName name = names[index];
    String key = name.key;
    return key != null ? key : name.name.substring(name.baseLength + 1, name.name.length() - 1);
  }

  /** The group of variable {@code index}: {@link #FIELDS}, {@link #PARAMETERS}, {@link #INTERESTS} or {@link #OTHER}. */
  public byte group(int index) {
    return names[index].group;
  }

  /** The {@link Envelope} slot of variable {@code index}, or -1 when it is no envelope variable. */
  byte envelopeSlot(int index) {
    return names[index].envelopeSlot;
  }

  /** The group of a name by its base name (the part before the first bracket). */
  static byte groupOf(String name, int baseLength) {
    if (baseLength == 6 && name.startsWith("fields")) {
      return FIELDS;
    }
    if (baseLength == 10 && name.startsWith("parameters")) {
      return PARAMETERS;
    }
    if (baseLength == 9 && name.startsWith("interests")) {
      return INTERESTS;
    }
    return OTHER;
  }

  /** Every variable grouped by full name, sharing this body's arrays; this body must not change afterwards. */
  public RawVariables raw() {
    return new RawVariables(this);
  }
}
