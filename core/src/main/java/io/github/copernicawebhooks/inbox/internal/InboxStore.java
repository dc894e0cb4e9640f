package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.inbox.InboxSettings;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Writes a call into the inbox table in one statement (one transaction). The unique keys on the body hash
 * and on the replay token make a duplicate or a replay fail to insert, on every instance alike; an
 * expired key that blocks an insert is cleared and the insert tried again, so the windows are exact
 * without a sweeper.
 */
final class InboxStore {

  /** A conflicting key that disappears between the insert and the look-up is tried again this often. */
  private static final int TRIES = 4;

  private final DataSource dataSource;
  private final Sql sql;
  private final InboxSettings settings;
  private final int timeoutSeconds;
  private final FailureLog failures = InboxLog.failures("store");

  InboxStore(InboxSettings settings, Sql sql) {
    this.dataSource = settings.dataSource();
    this.sql = sql;
    this.settings = settings;
    // JDBC counts whole seconds; the receiver's own bound (the time budget) is exact
    this.timeoutSeconds = (int) Math.max(1, (settings.databaseTimeBudget().toMillis() + 999) / 1000);
  }

  /**
   * Inserts the call, or finds the live key that refuses it. Every statement is bounded by the database
   * time budget, so that a database that hangs frees this thread in time.
   */
  InboxEngine.StoreResult store(InboxCall call) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      for (int attempt = 1; attempt <= TRIES; attempt++) {
        try {
          if (insert(connection, call)) {
            failures.succeeded();
            return InboxEngine.StoreResult.STORED;
          }
        } catch (SQLException failure) {
          if (!Dialect.isConflict(failure)) {
            throw failure;
          }
        }
        Optional<InboxEngine.StoreResult> conflict = conflict(connection, call);
        if (conflict.isPresent()) {
          failures.succeeded();
          return conflict.get();
        }
      }
      throw new SQLException("the inbox insert kept conflicting with keys that were gone when looked up");
    } catch (SQLException | RuntimeException failure) {
      failures.failed(failure); // the call itself is logged by the receiver, one line per call
      return InboxEngine.StoreResult.UNAVAILABLE;
    }
  }

  /** Whether the row was inserted; {@code false} (or a conflict exception) when a unique key was taken. */
  private boolean insert(Connection connection, InboxCall call) throws SQLException {
    EventColumns columns = call.columns();
    try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
      insert.setQueryTimeout(timeoutSeconds);
      int i = 0;
      insert.setLong(++i, call.receivedAt());
      insert.setString(++i, columns.eventType());
      setLong(insert, ++i, columns.profileId());
      setLong(insert, ++i, columns.subprofileId());
      setLong(insert, ++i, columns.databaseId());
      setLong(insert, ++i, columns.collectionId());
      insert.setString(++i, columns.messageId().orElse(null));
      insert.setString(++i, call.method());
      insert.setString(++i, call.target());
      insert.setString(++i, call.headers());
      insert.setString(++i, call.remoteAddress().orElse(null));
      insert.setBytes(++i, call.body());
      insert.setString(++i, call.bodyHash());
      insert.setString(++i, call.nonce().orElse(null));
      insert.setString(++i, call.bodyHash());
      insert.setLong(++i, call.receivedAt() + settings.deduplicationWindow().toMillis());
      insert.setString(++i, call.nonceKey().orElse(null));
      setLong(insert, ++i, call.nonceExpiresAt());
      insert.setLong(++i, call.receivedAt());
      return insert.executeUpdate() == 1;
    }
  }

  /**
   * Which live key blocked the insert: a replay (the nonce) before a duplicate (the body), as the verifier
   * would have said. Expired keys are cleared; empty when no live key is left, so the insert is tried again.
   * Keys count as live at the call's received time, so that a spooled call is judged as it would have been
   * on arrival.
   */
  private Optional<InboxEngine.StoreResult> conflict(Connection connection, InboxCall call) throws SQLException {
    String bodyHash = call.bodyHash();
    Optional<String> nonceKey = call.nonceKey();
    long now = call.receivedAt();
    boolean duplicate = false;
    boolean replayed = false;
    boolean expired = false;
    try (PreparedStatement select = connection.prepareStatement(sql.conflicts)) {
      select.setQueryTimeout(timeoutSeconds);
      select.setString(1, bodyHash);
      select.setString(2, nonceKey.orElse(bodyHash));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          if (bodyHash.equals(rows.getString(1))) {
            boolean live = rows.getLong(2) >= now;
            duplicate |= live;
            expired |= !live;
          }
          if (nonceKey.isPresent() && nonceKey.get().equals(rows.getString(3))) {
            boolean live = rows.getLong(4) >= now;
            replayed |= live;
            expired |= !live;
          }
        }
      }
    }
    if (replayed) {
      return Optional.of(InboxEngine.StoreResult.REPLAYED);
    }
    if (duplicate) {
      return Optional.of(InboxEngine.StoreResult.DUPLICATE);
    }
    if (expired) {
      clear(connection, sql.clearExpiredDedup, bodyHash, now);
      if (nonceKey.isPresent()) {
        clear(connection, sql.clearExpiredNonce, nonceKey.get(), now);
      }
    }
    return Optional.empty();
  }

  private void clear(Connection connection, String statement, String key, long now) throws SQLException {
    try (PreparedStatement clear = connection.prepareStatement(statement)) {
      clear.setQueryTimeout(timeoutSeconds);
      clear.setString(1, key);
      clear.setLong(2, now);
      clear.executeUpdate();
    }
  }

  static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.getAsLong());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java platform has SHA-256", impossible);
    }
  }
}
