package io.github.copernicawebhooks.inbox.internal;

import org.jspecify.annotations.Nullable;

/**
 * A row claimed by this instance: the stored call and the claim's identity. A claim is the pair (owner,
 * attempts): every claim increments the attempts, so a worker whose lease was taken over cannot finish
 * the row that someone else now holds.
 */
record ClaimedRow(long id, int attempt, String method, String target, String headers, @Nullable String remoteAddress,
    byte[] body) {}
