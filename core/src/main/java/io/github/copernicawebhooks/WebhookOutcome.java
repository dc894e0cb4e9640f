package io.github.copernicawebhooks;

import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.Optional;

/**
 * What became of one call: the status an adapter answers and a short plain-text body.
 * Contract only; the receiver work may add components.
 *
 * @param status the HTTP status to answer
 * @param message the short plain-text body
 * @param event the parsed event, when the call got that far
 * @param failure the reason the call was refused, when it was
 */
public record WebhookOutcome(
    int status, String message, Optional<WebhookEvent> event, Optional<WebhookException> failure) {}
