package io.github.copernicawebhooks;

/**
 * Limits that protect the parser from hostile bodies. A limit that is hit is a {@link WebhookException}.
 *
 * @param maxVariables most variables in one body
 * @param maxDepth most bracket levels in one key ({@code a[b][c]} has depth 2)
 * @param maxKeyLength most bytes in one decoded key
 * @param maxBodyBytes most bytes in one body
 */
public record ParserLimits(int maxVariables, int maxDepth, int maxKeyLength, long maxBodyBytes) {

  public static final int DEFAULT_MAX_VARIABLES = 10_000;
  public static final int DEFAULT_MAX_DEPTH = 8;
  public static final int DEFAULT_MAX_KEY_LENGTH = 1024;
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

  public static final ParserLimits DEFAULTS =
      new ParserLimits(DEFAULT_MAX_VARIABLES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_KEY_LENGTH, DEFAULT_MAX_BODY_BYTES);

  public ParserLimits {
    if (maxVariables < 1 || maxDepth < 1 || maxKeyLength < 1 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public ParserLimits withMaxVariables(int maxVariables) {
    return new ParserLimits(maxVariables, maxDepth, maxKeyLength, maxBodyBytes);
  }

  public ParserLimits withMaxDepth(int maxDepth) {
    return new ParserLimits(maxVariables, maxDepth, maxKeyLength, maxBodyBytes);
  }

  public ParserLimits withMaxKeyLength(int maxKeyLength) {
    return new ParserLimits(maxVariables, maxDepth, maxKeyLength, maxBodyBytes);
  }

  public ParserLimits withMaxBodyBytes(long maxBodyBytes) {
    return new ParserLimits(maxVariables, maxDepth, maxKeyLength, maxBodyBytes);
  }
}
