package io.github.copernicawebhooks.inbox;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored event with its raw call and its attempts, as {@link InboxOperations#find} returns it.
 *
 * @param summary the queryable columns
 * @param method the HTTP method of the call
 * @param target the request target (path and query) of the call
 * @param headers the stored headers of the call (lower-case names): those that matter for verification,
 *     parsing and tracing
 * @param body the raw body as received; a copy, which the caller may keep
 * @param bodySha256 the hex SHA-256 of the body, the de-duplication key
 * @param nonce the {@code X-Nonce} of the call, when it had one
 * @param attempts the handler attempts, oldest first
 */
public record InboxEntry(
    InboxSummary summary,
    String method,
    String target,
    Map<String, List<String>> headers,
    byte[] body,
    String bodySha256,
    Optional<String> nonce,
    List<InboxAttempt> attempts) {

  public InboxEntry {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(copy);
    body = body.clone();
    Objects.requireNonNull(bodySha256, "bodySha256");
    Objects.requireNonNull(nonce, "nonce");
    attempts = List.copyOf(attempts);
  }

  /** The raw body; a copy, so the entry stays immutable. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InboxEntry entry
        && summary.equals(entry.summary) && method.equals(entry.method) && target.equals(entry.target)
        && headers.equals(entry.headers) && Arrays.equals(body, entry.body) && bodySha256.equals(entry.bodySha256)
        && nonce.equals(entry.nonce) && attempts.equals(entry.attempts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(summary, method, target, headers, Arrays.hashCode(body), bodySha256, nonce, attempts);
  }

  @Override
  public String toString() {
    return "InboxEntry[" + summary + ", " + method + " " + target + ", " + body.length + " bytes, attempts="
        + attempts + "]";
  }
}
