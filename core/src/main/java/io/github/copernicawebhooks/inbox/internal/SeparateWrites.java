package io.github.copernicawebhooks.inbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The write-back of results one at a time, for the loop of {@link Workers} when a batch failed: so that a row
 * whose result the database refuses (a value it cannot store, a trigger, a constraint) holds back no other,
 * and is not written, rolled back and written again forever while the heartbeat renews its lease.
 */
final class SeparateWrites {

  /** Writes of one result, each in a transaction of its own, before its row is marked dead. */
  static final int TRIES = 3;

  private final DataSource dataSource;
  private final Sql sql;
  private final RowWriter writer;
  private final Map<Long, ClaimedRow> held;
  private final Queue<Completion> done;
  /** The failed writes of results, by row id, while they are tried alone. */
  private final Map<Long, Integer> failures = new ConcurrentHashMap<>();

  SeparateWrites(DataSource dataSource, Sql sql, RowWriter writer, Map<Long, ClaimedRow> held,
      Queue<Completion> done) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.writer = writer;
    this.held = held;
    this.done = done;
  }

  /** Whether the result's write failed before, so that it must not join a batch again. */
  boolean isSuspect(Completion completion) {
    return failures.containsKey(completion.id());
  }

  /**
   * Writes each result in a transaction of its own. A result that fails while the database answers is the
   * row's own fault: it is tried again in later rounds, {@link #TRIES} times in all, and then its row
   * is marked dead with the reason. When the database does not answer, the results wait for it.
   */
  void write(List<Completion> completions) throws SQLException {
    for (int i = 0; i < completions.size(); i++) {
      Completion completion = completions.get(i);
      try {
        writeAlone(completion);
      } catch (SQLException | RuntimeException failure) {
        if (!databaseAnswers()) {
          done.addAll(completions.subList(i, completions.size())); // written once it is back
          throw failure;
        }
        writeFailed(completion, failure);
      }
    }
  }

  private void writeAlone(Completion completion) throws SQLException {
    List<Completion> late = transaction(connection -> writer.finish(connection, List.of(completion)));
    late.forEach(lost -> InboxLog.lateCompletion(lost.id(), lost.attempt()));
    forget(completion);
  }

  private void writeFailed(Completion completion, Exception failure) {
    int tries = failures.merge(completion.id(), 1, Integer::sum);
    if (tries < TRIES) {
      done.add(completion);
      return;
    }
    String reason = "the result of attempt " + completion.attempt() + " could not be written after " + tries
        + " tries: " + InboxLog.message(innermost(failure));
    try {
      transaction(connection -> writer.dead(connection, completion, reason));
      InboxLog.writeBackGaveUp(completion.id(), reason, true);
    } catch (SQLException | RuntimeException deadFailed) {
      InboxLog.writeBackGaveUp(completion.id(), reason, false); // the lease lapses; a later claim tries again
    }
    forget(completion);
  }

  /** A batch's own failure rather than its wrapper, whose message quotes the statement with its values. */
  private static Exception innermost(Exception failure) {
    Exception innermost = failure;
    while (innermost instanceof SQLException batch && batch.getNextException() != null) {
      innermost = batch.getNextException();
    }
    return innermost;
  }

  /** The row is no longer this instance's: its lease is no longer renewed. */
  private void forget(Completion completion) {
    failures.remove(completion.id());
    held.remove(completion.id());
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement probe = connection.prepareStatement(sql.probe)) {
      probe.executeQuery().close();
      return true;
    } catch (SQLException | RuntimeException away) {
      return false;
    }
  }

  private <T> T transaction(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException failure) {
        Workers.rollback(connection);
        throw failure;
      }
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
