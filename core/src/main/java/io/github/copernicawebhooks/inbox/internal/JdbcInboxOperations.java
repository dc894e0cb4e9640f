package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.inbox.InboxAttempt;
import io.github.copernicawebhooks.inbox.InboxEntry;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxPage;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.InboxSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The operations on the inbox table, each in its own short transaction. */
final class JdbcInboxOperations implements InboxOperations {

  /** How long a ping waits for the database: a health check must answer well within a probe's timeout. */
  private static final int PING_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;
  private final Sql sql;
  private final InboxSettings settings;

  JdbcInboxOperations(InboxSettings settings, Sql sql) {
    this.dataSource = settings.dataSource();
    this.sql = sql;
    this.settings = settings;
  }

  @Override
  public InboxPage list(InboxQuery query) {
    Criteria criteria = Criteria.of(query);
    return run("list", connection -> {
      List<InboxSummary> entries = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT " + Sql.SUMMARY_COLUMNS + " FROM "
          + sql.table + criteria.where() + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
        int next = criteria.bind(select);
        select.setInt(next, query.limit());
        select.setInt(next + 1, query.offset());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            entries.add(summary(rows));
          }
        }
      }
      long total;
      try (PreparedStatement count = connection.prepareStatement(
          "SELECT COUNT(*) FROM " + sql.table + criteria.where())) {
        criteria.bind(count);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      return new InboxPage(entries, total);
    });
  }

  @Override
  public Map<InboxStatus, Long> countByStatus(Optional<Instant> since) {
    return run("count", connection -> {
      Map<InboxStatus, Long> counts = new EnumMap<>(InboxStatus.class);
      for (InboxStatus status : InboxStatus.values()) {
        counts.put(status, 0L);
      }
      String where = " WHERE " + Sql.NOT_PURGED + (since.isPresent() ? " AND received_at >= ?" : "");
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT status, COUNT(*) FROM " + sql.table + where + " GROUP BY status")) {
        if (since.isPresent()) {
          select.setLong(1, since.get().toEpochMilli());
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            counts.put(InboxStatus.valueOf(rows.getString(1)), rows.getLong(2));
          }
        }
      }
      return counts;
    });
  }

  @Override
  public void ping() {
    boolean valid = run("ping", connection -> connection.isValid(PING_TIMEOUT_SECONDS));
    if (!valid) {
      throw new WebhookException(WebhookException.Reason.STORE_UNAVAILABLE,
          "inbox ping failed: the database did not answer within " + PING_TIMEOUT_SECONDS + " s");
    }
  }

  @Override
  public Optional<InboxEntry> find(long id) {
    return run("find", connection -> {
      InboxSummary summary;
      String method;
      String target;
      String headers;
      byte[] body;
      String hash;
      Optional<String> nonce;
      try (PreparedStatement select = connection.prepareStatement("SELECT " + Sql.SUMMARY_COLUMNS
          + ", method, target, headers, body, body_sha256, nonce FROM " + sql.table + " WHERE id = ? AND "
          + Sql.NOT_PURGED)) {
        select.setLong(1, id);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
          summary = summary(rows);
          method = rows.getString(13);
          target = rows.getString(14);
          headers = rows.getString(15);
          body = rows.getBytes(16);
          hash = rows.getString(17);
          nonce = Optional.ofNullable(rows.getString(18));
        }
      }
      return Optional.of(new InboxEntry(summary, method, target, StoredHeaders.decode(headers), body, hash, nonce,
          attempts(connection, id)));
    });
  }

  private List<InboxAttempt> attempts(Connection connection, long id) throws SQLException {
    List<InboxAttempt> attempts = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT attempt_number, started_at, ended_at,"
        + " succeeded, error, stack_trace, instance_id FROM " + sql.attemptTable + " WHERE inbox_id = ? ORDER BY id")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          attempts.add(new InboxAttempt(rows.getInt(1), Instant.ofEpochMilli(rows.getLong(2)),
              Instant.ofEpochMilli(rows.getLong(3)), rows.getBoolean(4), Optional.ofNullable(rows.getString(5)),
              Optional.ofNullable(rows.getString(6)), rows.getString(7)));
        }
      }
    }
    return attempts;
  }

  @Override
  public boolean retryNow(long id) {
    return makeDue("retry", id, "'" + Sql.FAILED + "', '" + Sql.DEAD + "'"); // not once the body is purged
  }

  @Override
  public boolean redeliver(long id) {
    return makeDue("redeliver", id, "'" + Sql.HANDLED + "'");
  }

  private boolean makeDue(String step, long id, String fromStatuses) {
    return run(step, connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql.table + " SET status = '"
          + Sql.PENDING + "', next_attempt_at = ?, finished_at = NULL WHERE id = ? AND status IN (" + fromStatuses
          + ") AND " + Sql.BODY_KEPT)) {
        update.setLong(1, settings.clock().millis());
        update.setLong(2, id);
        return update.executeUpdate() == 1;
      }
    });
  }

  /**
   * Deletes the matching rows whose keys have expired, and purges the others down to their keys (see {@link
   * Sql#PURGED}), so that a duplicate or a replay arriving within its window is still recognised.
   */
  @Override
  public int purge(InboxQuery query) {
    Criteria criteria = Criteria.of(query);
    long now = settings.clock().millis();
    return run("purge", connection -> deleteExpired(connection, criteria, now) + purgeToKeys(connection, criteria));
  }

  private int deleteExpired(Connection connection, Criteria criteria, long now) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + sql.table
        + criteria.where(Sql.KEYS_EXPIRED))) {
      int next = criteria.bind(delete);
      delete.setLong(next, now);
      delete.setLong(next + 1, now);
      return delete.executeUpdate();
    }
  }

  /** The rows left have live keys: they keep only those, until they expire. */
  private int purgeToKeys(Connection connection, Criteria criteria) throws SQLException {
    int purged;
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql.table + " SET " + Sql.TOMBSTONE
        + criteria.where())) {
      update.setBytes(1, Sql.NO_BODY);
      criteria.bind(update, 2);
      purged = update.executeUpdate();
    }
    if (purged > 0) {
      try (PreparedStatement attempts = connection.prepareStatement(sql.deletePurgedAttempts())) {
        attempts.executeUpdate();
      }
    }
    return purged;
  }

  static InboxSummary summary(ResultSet rows) throws SQLException {
    return new InboxSummary(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)),
        InboxStatus.valueOf(rows.getString(3)), rows.getString(4), optionalLong(rows, 5), optionalLong(rows, 6),
        optionalLong(rows, 7), optionalLong(rows, 8), Optional.ofNullable(rows.getString(9)), rows.getInt(10),
        optionalLong(rows, 11).stream().mapToObj(Instant::ofEpochMilli).findFirst(),
        Optional.ofNullable(rows.getString(12)));
  }

  private static OptionalLong optionalLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private <T> T run(String step, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException failure) {
      throw new WebhookException(WebhookException.Reason.STORE_UNAVAILABLE,
          "inbox " + step + " failed: " + InboxLog.message(failure), failure);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
