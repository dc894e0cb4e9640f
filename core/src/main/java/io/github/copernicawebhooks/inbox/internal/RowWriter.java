package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.inbox.InboxSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes what workers did, inside the caller's transaction. Every write is conditional on the claim (the
 * row is still in progress, held by this instance, at the attempt it was claimed with), so a worker that
 * lost its lease cannot overwrite the row of the worker that took it over.
 */
final class RowWriter {

  private static final int HEARTBEAT_CHUNK = 500;

  private final Sql sql;
  private final InboxSettings settings;
  private final String owner;
  private final String finishHandled;

  RowWriter(Sql sql, InboxSettings settings) {
    this.sql = sql;
    this.settings = settings;
    this.owner = settings.instanceId();
    this.finishHandled = "UPDATE " + sql.table + " SET status = '" + Sql.HANDLED + "', next_attempt_at = NULL,"
        + " finished_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND status = '"
        + Sql.IN_PROGRESS + "' AND lease_owner = ? AND attempts = ?";
  }

  /**
   * Marks the rows handled, failed (due again after the backoff) or dead, and records the attempts of those
   * whose claim still held.
   *
   * @return the completions whose claim had been taken over, which were dropped
   */
  List<Completion> finish(Connection connection, Collection<Completion> completions) throws SQLException {
    List<Completion> late = new ArrayList<>();
    List<Completion> applied = new ArrayList<>(completions.size());
    if (completions.isEmpty()) {
      return late;
    }
    try (PreparedStatement handled = connection.prepareStatement(finishHandled);
        PreparedStatement failed = connection.prepareStatement(sql.finish)) {
      if (sql.dialect.countsBatches()) {
        finishInBatches(handled, failed, completions, applied, late);
      } else {
        for (Completion completion : completions) {
          int count = completion.succeeded() ? handled(handled, completion) : failed(failed, completion);
          (count == 1 ? applied : late).add(completion);
        }
      }
    }
    recordAttempts(connection, applied);
    return late;
  }

  /** One round trip per kind of result, for drivers that report the count of every statement in a batch. */
  private void finishInBatches(PreparedStatement handled, PreparedStatement failed, Collection<Completion> completions,
      List<Completion> applied, List<Completion> late) throws SQLException {
    List<Completion> successes = new ArrayList<>();
    List<Completion> failures = new ArrayList<>();
    for (Completion completion : completions) {
      if (completion.succeeded()) {
        bindHandled(handled, completion);
        handled.addBatch();
        successes.add(completion);
      } else {
        bindFailed(failed, completion);
        failed.addBatch();
        failures.add(completion);
      }
    }
    sort(successes.isEmpty() ? new int[0] : handled.executeBatch(), successes, applied, late);
    sort(failures.isEmpty() ? new int[0] : failed.executeBatch(), failures, applied, late);
  }

  private static void sort(int[] counts, List<Completion> completions, List<Completion> applied, List<Completion> late)
      throws SQLException {
    if (counts.length != completions.size()) {
      throw new SQLException("the driver reported " + counts.length + " counts for " + completions.size() + " updates");
    }
    for (int i = 0; i < counts.length; i++) {
      (counts[i] == 1 ? applied : late).add(completions.get(i));
    }
  }

  private int handled(PreparedStatement update, Completion completion) throws SQLException {
    bindHandled(update, completion);
    return update.executeUpdate();
  }

  private int failed(PreparedStatement update, Completion completion) throws SQLException {
    bindFailed(update, completion);
    return update.executeUpdate();
  }

  private void bindHandled(PreparedStatement update, Completion completion) throws SQLException {
    update.setLong(1, completion.endedAt());
    update.setLong(2, completion.id());
    update.setString(3, owner);
    update.setInt(4, completion.attempt());
  }

  private void bindFailed(PreparedStatement update, Completion completion) throws SQLException {
    boolean dead = completion.attempt() >= settings.maxAttempts();
    update.setString(1, dead ? Sql.DEAD : Sql.FAILED);
    if (dead) {
      update.setNull(2, Types.BIGINT);
    } else {
      update.setLong(2, completion.endedAt() + settings.retryDelay(completion.attempt()).toMillis());
    }
    update.setString(3, StorableText.ofNullable(completion.error(), Attempt.ERROR_LENGTH));
    if (dead) {
      update.setLong(4, completion.endedAt());
    } else {
      update.setNull(4, Types.BIGINT);
    }
    update.setLong(5, completion.id());
    update.setString(6, owner);
    update.setInt(7, completion.attempt());
  }

  private void recordAttempts(Connection connection, List<Completion> completions) throws SQLException {
    if (completions.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(sql.insertAttempt)) {
      for (Completion completion : completions) {
        insert.setLong(1, completion.id());
        insert.setInt(2, completion.attempt());
        insert.setLong(3, completion.startedAt());
        insert.setLong(4, completion.endedAt());
        insert.setBoolean(5, completion.succeeded());
        insert.setString(6, StorableText.ofNullable(completion.error(), Attempt.ERROR_LENGTH));
        insert.setString(7, StorableText.ofNullable(completion.stackTrace(), Attempt.STACK_TRACE_LENGTH));
        insert.setString(8, owner);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Marks a row dead because its result could not be written, with the reason and without an attempt record
   * (which is what could not be written); conditional on the claim like every write here.
   *
   * @return whether the row was still this claim's and is now dead
   */
  boolean dead(Connection connection, Completion completion, String reason) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql.finish)) {
      update.setString(1, Sql.DEAD);
      update.setNull(2, Types.BIGINT);
      update.setString(3, StorableText.of(reason, Attempt.ERROR_LENGTH));
      update.setLong(4, completion.endedAt());
      update.setLong(5, completion.id());
      update.setString(6, owner);
      update.setInt(7, completion.attempt());
      return update.executeUpdate() == 1;
    }
  }

  /** Gives back claimed rows that no handler started: due now, their claim not counted as an attempt. */
  void release(Connection connection, Collection<ClaimedRow> rows, long now) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql.release)) {
      for (ClaimedRow row : rows) {
        update.setLong(1, now);
        update.setLong(2, row.id());
        update.setString(3, owner);
        update.setInt(4, row.attempt());
        update.executeUpdate();
      }
    }
  }

  /** Renews the leases of the rows this instance holds. */
  void heartbeat(Connection connection, List<Long> ids, long leaseEnd) throws SQLException {
    for (int from = 0; from < ids.size(); from += HEARTBEAT_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + HEARTBEAT_CHUNK));
      try (PreparedStatement update = connection.prepareStatement(sql.heartbeat(chunk.size()))) {
        update.setLong(1, leaseEnd);
        update.setLong(2, leaseEnd);
        update.setString(3, owner);
        for (int i = 0; i < chunk.size(); i++) {
          update.setLong(4 + i, chunk.get(i));
        }
        update.executeUpdate();
      }
    }
  }
}
