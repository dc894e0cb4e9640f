package io.github.copernicawebhooks.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A subprofile was updated. */
public record SubprofileUpdated(
    String type,
    long subprofileId,
    long profileId,
    OptionalLong databaseId,
    OptionalLong collectionId,
    Variables fields,
    Variables parameters,
    LocalDateTime timestamp,
    Instant instant,
    Optional<LocalDateTime> created,
    Optional<LocalDateTime> modified,
    Map<String, List<String>> raw)
    implements SubprofileEvent {}
