package io.github.copernicawebhooks.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A subprofile was deleted. */
public record SubprofileDeleted(
    String type,
    long subprofileId,
    long profileId,
    OptionalLong databaseId,
    OptionalLong collectionId,
    Variables fields,
    LocalDateTime timestamp,
    Instant instant,
    Map<String, List<String>> raw)
    implements SubprofileEvent {}
