package io.github.copernicawebhooks.inbox;

/** Where a stored event stands. */
public enum InboxStatus {
  /** Stored and waiting for its first attempt. */
  PENDING,
  /** Claimed by a worker that holds a lease on it; taken over by another worker when the lease lapses. */
  IN_PROGRESS,
  /** A handler attempt finished without an exception; kept for the retention time, then deleted. */
  HANDLED,
  /** The last attempt failed and another one is due at its next attempt time. */
  FAILED,
  /** Every attempt failed; kept, and tried again only when a person asks ({@link InboxOperations#retryNow}). */
  DEAD
}
