package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One call kept in memory, bounded: at most {@link RecentCalls#maxBodyBytes()} of its body, its headers
 * shortened, its event only when the whole body was kept.
 *
 * @param id the sequence number in this record, 1 for the first call
 * @param answeredAt when the receiver answered it
 * @param method the HTTP method
 * @param target path and query as received
 * @param remoteAddress the peer
 * @param headers the headers in order, shortened
 * @param body the first bytes of the body
 * @param bodyLength the full body length; more than {@code body.length} when cut
 * @param status the status answered
 * @param kind the receiver's outcome kind, by name
 * @param outcome the console outcome, updated when an asynchronous handler finishes
 * @param reason why it was refused
 * @param reasonMessage the refusal's precise message (as logged, never a secret)
 * @param ids the event type and ids, when the body was parsed
 * @param event the event, when parsed and small enough to keep
 * @param attempts the handler runs seen
 */
record RecordedCall(
    long id,
    Instant answeredAt,
    String method,
    String target,
    Optional<String> remoteAddress,
    List<Header> headers,
    byte[] body,
    int bodyLength,
    int status,
    String kind,
    Outcome outcome,
    Optional<Reason> reason,
    Optional<String> reasonMessage,
    EventIds ids,
    Optional<WebhookEvent> event,
    List<Attempt> attempts) {

  RecordedCall {
    headers = List.copyOf(headers);
    attempts = List.copyOf(attempts);
  }

  /** Whether the whole body was kept. */
  boolean isBodyComplete() {
    return body.length == bodyLength;
  }

  Optional<String> contentType() {
    return headers.stream().filter(header -> header.name().equals("content-type")).map(Header::value).findFirst();
  }

  /** This call after an asynchronous handler finished. */
  RecordedCall completed(Outcome finalOutcome, Attempt attempt) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new RecordedCall(id, answeredAt, method, target, remoteAddress, headers, body, bodyLength, status, kind,
        finalOutcome, reason, reasonMessage, ids, event, all);
  }
}
