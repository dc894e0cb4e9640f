package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;

/** The statements of one inbox, with its table names; the only place that spells SQL. */
final class Sql {

  static final String PENDING = InboxStatus.PENDING.name();
  static final String IN_PROGRESS = InboxStatus.IN_PROGRESS.name();
  static final String HANDLED = InboxStatus.HANDLED.name();
  static final String FAILED = InboxStatus.FAILED.name();
  static final String DEAD = InboxStatus.DEAD.name();
  /**
   * Not an {@link InboxStatus}: a purged row that keeps its de-duplication and nonce keys, and nothing a person
   * reads, until the keys expire; so that a purge cannot let a duplicate or a replay in. No read shows it.
   */
  static final String PURGED = "PURGED";
  static final String NOT_PURGED = "status <> '" + PURGED + "'";
  /** Both keys of a row are gone or expired; two parameters, the time now twice. */
  static final String KEYS_EXPIRED = "(dedup_key IS NULL OR dedup_expires_at < ?)"
      + " AND (nonce_key IS NULL OR nonce_expires_at < ?)";
  /** What a purged row becomes; one parameter, the empty body. */
  static final String TOMBSTONE = "status = '" + PURGED + "', body = ?, headers = '', remote_address = NULL,"
      + " nonce = NULL, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL";
  /** The body a purge leaves: no stored call has an empty body, so an empty one says the body was purged. */
  static final byte[] NO_BODY = new byte[0];

  /** The columns of {@link io.github.copernicawebhooks.inbox.InboxSummary}, in its order. */
  static final String SUMMARY_COLUMNS = "id, received_at, status, event_type, profile_id, subprofile_id,"
      + " database_id, collection_id, message_id, attempts, next_attempt_at, last_error";

  /** The row still has the body it was stored with. */
  static final String BODY_KEPT = "OCTET_LENGTH(body) > 0";

  final String table;
  final String attemptTable;
  final Dialect dialect;

  final String insert;
  final String conflicts;
  final String clearExpiredDedup;
  final String clearExpiredNonce;
  final String claimCandidates;
  final String claimOne;
  final String finish;
  final String insertAttempt;
  final String release;
  final String probe;

  Sql(InboxSettings settings, Dialect dialect) {
    this.table = settings.inboxTable();
    this.attemptTable = settings.attemptTable();
    this.dialect = dialect;
    this.insert = "INSERT INTO " + table + " (received_at, status, event_type, profile_id, subprofile_id,"
        + " database_id, collection_id, message_id, method, target, headers, remote_address, body, body_sha256,"
        + " nonce, dedup_key, dedup_expires_at, nonce_key, nonce_expires_at, attempts, next_attempt_at)"
        + " VALUES (?, '" + PENDING + "', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"
        // PostgreSQL: a conflict inserts nothing instead of failing (and logging an error on the server)
        + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "");
    this.conflicts = "SELECT dedup_key, dedup_expires_at, nonce_key, nonce_expires_at FROM " + table
        + " WHERE dedup_key = ? OR nonce_key = ?";
    this.clearExpiredDedup = "UPDATE " + table + " SET dedup_key = NULL WHERE dedup_key = ? AND dedup_expires_at < ?";
    this.clearExpiredNonce = "UPDATE " + table + " SET nonce_key = NULL WHERE nonce_key = ? AND nonce_expires_at < ?";
    String rowColumns = "id, attempts, method, target, headers, remote_address, body";
    this.claimCandidates = dialect.skipsLocked()
        ? "SELECT " + rowColumns + " FROM " + table + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at"
            + " LIMIT ? FOR UPDATE SKIP LOCKED"
        : "SELECT id, attempts FROM " + table + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?";
    this.claimOne = "UPDATE " + table + " SET status = '" + IN_PROGRESS + "', attempts = attempts + 1,"
        + " lease_owner = ?, lease_expires_at = ?, next_attempt_at = ? WHERE id = ? AND attempts = ?"
        + " AND next_attempt_at <= ?";
    this.finish = "UPDATE " + table + " SET status = ?, next_attempt_at = ?, last_error = ?, finished_at = ?,"
        + " lease_owner = NULL, lease_expires_at = NULL"
        + " WHERE id = ? AND status = '" + IN_PROGRESS + "' AND lease_owner = ? AND attempts = ?";
    this.insertAttempt = "INSERT INTO " + attemptTable + " (inbox_id, attempt_number, started_at, ended_at,"
        + " succeeded, error, stack_trace, instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    this.release = "UPDATE " + table + " SET status = CASE WHEN attempts = 1 THEN '" + PENDING + "' ELSE '"
        + FAILED + "' END, attempts = attempts - 1, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL"
        + " WHERE id = ? AND status = '" + IN_PROGRESS + "' AND lease_owner = ? AND attempts = ?";
    // every column the receiver writes, so that a missing one fails the start-up, not the first call
    this.probe = "SELECT id, received_at, status, event_type, profile_id, subprofile_id, database_id, collection_id,"
        + " message_id, method, target, headers, remote_address, body, body_sha256, nonce, dedup_key,"
        + " dedup_expires_at, nonce_key, nonce_expires_at, attempts, next_attempt_at, lease_owner, lease_expires_at,"
        + " last_error, finished_at FROM " + table + " WHERE id = -1";
  }

  /** Reads the claimed rows' calls, for the dialects whose claim does not select them. */
  String rows(int count) {
    return "SELECT id, attempts, method, target, headers, remote_address, body FROM " + table
        + " WHERE id IN (" + placeholders(count) + ")";
  }

  /** Marks the locked candidates as claimed in one statement. */
  String claimAll(int count) {
    return "UPDATE " + table + " SET status = '" + IN_PROGRESS + "', attempts = attempts + 1, lease_owner = ?,"
        + " lease_expires_at = ?, next_attempt_at = ? WHERE id IN (" + placeholders(count) + ")";
  }

  /** Renews the leases of the rows this instance holds. */
  String heartbeat(int count) {
    return "UPDATE " + table + " SET lease_expires_at = ?, next_attempt_at = ? WHERE lease_owner = ? AND status = '"
        + IN_PROGRESS + "' AND id IN (" + placeholders(count) + ")";
  }

  /**
   * Deletes at most {@code limit} handled rows received and finished before the retention horizon, whose keys
   * have expired. Parameters: the horizon twice, now twice.
   */
  String housekeeping(int limit) {
    return dialect.boundedDelete(table, pastRetention() + " AND " + KEYS_EXPIRED, limit);
  }

  /**
   * Purges at most {@code limit} handled rows past retention (those left have live keys). Parameters: no body,
   * the horizon twice.
   */
  String purgeHandled(int limit) {
    return dialect.boundedUpdate(table, TOMBSTONE, pastRetention(), limit);
  }

  /** Clears the bodies of at most {@code limit} rows dead since before the horizon. Parameters: no body, horizon. */
  String purgeDeadBodies(int limit) {
    return dialect.boundedUpdate(table, "body = ?, headers = '', remote_address = NULL", "status = '" + DEAD
        + "' AND finished_at < ? AND " + BODY_KEPT, limit);
  }

  /** Deletes at most {@code limit} purged rows whose keys have expired. Parameters: now twice. */
  String deletePurged(int limit) {
    return dialect.boundedDelete(table, "status = '" + PURGED + "' AND " + KEYS_EXPIRED, limit);
  }

  /** Deletes the attempts of purged rows: they may quote the body. */
  String deletePurgedAttempts() {
    return "DELETE FROM " + attemptTable + " WHERE inbox_id IN (SELECT id FROM " + table + " WHERE status = '"
        + PURGED + "')";
  }

  private static String pastRetention() {
    return "status = '" + HANDLED + "' AND received_at < ? AND finished_at < ?";
  }

  String attemptProbe() {
    return "SELECT id FROM " + attemptTable + " WHERE id = -1";
  }

  static String placeholders(int count) {
    StringBuilder text = new StringBuilder(count * 3);
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "?" : ", ?");
    }
    return text.toString();
  }
}
