package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.List;
import java.util.Optional;

/**
 * Everything the detail view shows of one call.
 *
 * @param summary its row
 * @param remoteAddress the peer, when known
 * @param headers the headers as kept
 * @param body the body bytes kept
 * @param bodyLength the full body length
 * @param reasonMessage the precise refusal message
 * @param event the event, when it was parsed and kept
 * @param attempts each handler run with its error
 */
record CallDetail(
    CallSummary summary,
    Optional<String> remoteAddress,
    List<Header> headers,
    byte[] body,
    long bodyLength,
    Optional<String> reasonMessage,
    Optional<WebhookEvent> event,
    List<Attempt> attempts) {

  Optional<String> contentType() {
    return headers.stream().filter(header -> header.name().equals("content-type")).map(Header::value).findFirst();
  }
}
