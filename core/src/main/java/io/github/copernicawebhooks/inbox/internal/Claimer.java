package io.github.copernicawebhooks.inbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims due rows for one instance, inside the caller's transaction. A row is due when its next attempt
 * time has come: a pending or failed row's retry time, or an in-progress row's lease expiry (a claim sets
 * both to the lease's end, so one index and one condition find both kinds).
 *
 * <p>PostgreSQL and MySQL/MariaDB lock the candidates with {@code FOR UPDATE SKIP LOCKED}, so concurrent
 * claimers on other instances pass over each other's rows instead of waiting, and mark them claimed with one
 * update. H2 2.x accepts {@code SKIP LOCKED} but applies the {@code LIMIT} before skipping, so a second
 * claimer finds nothing while the first holds the first rows; there each candidate is claimed by an update
 * that repeats the due condition and the attempts it was read with, and only rows whose update count is 1
 * are taken. H2 re-evaluates the condition after waiting for a row lock, so a row claimed meanwhile by
 * another claimer no longer matches.
 */
final class Claimer {

  private final Sql sql;
  private final String owner;

  Claimer(Sql sql, String owner) {
    this.sql = sql;
    this.owner = owner;
  }

  /** Claims at most {@code max} due rows with a lease until {@code leaseEnd}. */
  List<ClaimedRow> claim(Connection connection, int max, long now, long leaseEnd) throws SQLException {
    return sql.dialect.skipsLocked()
        ? claimSkippingLocked(connection, max, now, leaseEnd)
        : claimConditionally(connection, max, now, leaseEnd);
  }

  private List<ClaimedRow> claimSkippingLocked(Connection connection, int max, long now, long leaseEnd)
      throws SQLException {
    List<ClaimedRow> rows = new ArrayList<>(max);
    try (PreparedStatement select = connection.prepareStatement(sql.claimCandidates)) {
      select.setLong(1, now);
      select.setInt(2, max);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(row(result, 1));
        }
      }
    }
    if (rows.isEmpty()) {
      return rows;
    }
    try (PreparedStatement update = connection.prepareStatement(sql.claimAll(rows.size()))) {
      update.setString(1, owner);
      update.setLong(2, leaseEnd);
      update.setLong(3, leaseEnd);
      for (int i = 0; i < rows.size(); i++) {
        update.setLong(4 + i, rows.get(i).id());
      }
      int claimed = update.executeUpdate();
      if (claimed != rows.size()) {
        throw new SQLException("claimed " + claimed + " of " + rows.size() + " locked inbox rows");
      }
    }
    return rows;
  }

  private List<ClaimedRow> claimConditionally(Connection connection, int max, long now, long leaseEnd)
      throws SQLException {
    List<long[]> candidates = new ArrayList<>(max);
    try (PreparedStatement select = connection.prepareStatement(sql.claimCandidates)) {
      select.setLong(1, now);
      select.setInt(2, max);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          candidates.add(new long[] {result.getLong(1), result.getInt(2)});
        }
      }
    }
    List<Long> claimed = new ArrayList<>(candidates.size());
    try (PreparedStatement update = connection.prepareStatement(sql.claimOne)) {
      for (long[] candidate : candidates) {
        update.setString(1, owner);
        update.setLong(2, leaseEnd);
        update.setLong(3, leaseEnd);
        update.setLong(4, candidate[0]);
        update.setInt(5, (int) candidate[1]);
        update.setLong(6, now);
        if (update.executeUpdate() == 1) {
          claimed.add(candidate[0]);
        }
      }
    }
    return read(connection, claimed);
  }

  private List<ClaimedRow> read(Connection connection, List<Long> ids) throws SQLException {
    List<ClaimedRow> rows = new ArrayList<>(ids.size());
    if (ids.isEmpty()) {
      return rows;
    }
    try (PreparedStatement select = connection.prepareStatement(sql.rows(ids.size()))) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(1 + i, ids.get(i));
      }
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(row(result, 0));
        }
      }
    }
    return rows;
  }

  /** A claimed row; {@code attemptsBefore} is 1 when the attempts column was read before the claim's update. */
  private static ClaimedRow row(ResultSet result, int attemptsBefore) throws SQLException {
    return new ClaimedRow(result.getLong(1), result.getInt(2) + attemptsBefore, result.getString(3),
        result.getString(4), result.getString(5), result.getString(6), result.getBytes(7));
  }
}
