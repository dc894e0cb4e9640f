package io.github.copernicawebhooks.event;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An event about one sent email: clicked, opened, delivered, failed, bounced, unsubscribed from or
 * complained about. Every email event names its message ({@code id}); the other common values are
 * optional because Copernica's pages do not list them for every trigger.
 */
public sealed interface EmailEvent extends WebhookEvent
    permits EmailClicked, EmailOpened, EmailDelivered, EmailFailed, EmailBounced, Unsubscribed, ComplaintReceived {

  /** The id of the message the event is about, from {@code id}. */
  String messageId();

  /** The email address the message was sent to, from {@code recipient}, when sent and not empty. */
  Optional<String> recipient();

  /**
   * The tags of the message, in order, each once: from {@code tags=a,b} (split on commas, each trimmed,
   * empty ones dropped) or from the list forms {@code tags[]=a} and {@code tags[0]=a}. The text as sent
   * stays in {@link #raw()}.
   */
  List<String> tags();

  /** The id of the profile the message was sent to, from {@code profile}, when sent and not empty. */
  OptionalLong profileId();

  /** The id of the mailing the message belongs to, from {@code mailing}, when sent and not empty. */
  OptionalLong mailingId();
}
