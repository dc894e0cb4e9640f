package io.github.copernicawebhooks.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A profile was deleted. */
public record ProfileDeleted(
    String type,
    long profileId,
    OptionalLong databaseId,
    Variables fields,
    LocalDateTime timestamp,
    Instant instant,
    Map<String, List<String>> raw)
    implements ProfileEvent {}
