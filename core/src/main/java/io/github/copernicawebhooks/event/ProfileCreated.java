package io.github.copernicawebhooks.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A profile was created. */
public record ProfileCreated(
    String type,
    long profileId,
    OptionalLong databaseId,
    Variables fields,
    Variables parameters,
    List<String> interests,
    LocalDateTime timestamp,
    Instant instant,
    Optional<LocalDateTime> created,
    Optional<LocalDateTime> modified,
    Map<String, List<String>> raw)
    implements ProfileEvent {}
