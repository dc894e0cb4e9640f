package io.github.copernicawebhooks.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * An event whose type this version does not know. It keeps every variable in {@link #raw()}; parsing it
 * never fails. When the call carries no usable {@code timestamp} or {@code time}, the time is the
 * moment the call was parsed.
 */
public record UnknownEvent(String type, LocalDateTime timestamp, Instant instant, Map<String, List<String>> raw)
    implements WebhookEvent {}
