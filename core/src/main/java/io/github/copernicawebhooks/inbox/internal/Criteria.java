package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code WHERE} clause of a query and its parameters, bound in order. */
final class Criteria {

  private final List<String> conditions;
  private final List<Object> parameters;

  private Criteria(List<String> conditions, List<Object> parameters) {
    this.conditions = conditions;
    this.parameters = parameters;
  }

  static Criteria of(InboxQuery query) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (query.statuses().isEmpty()) {
      conditions.add(Sql.NOT_PURGED);
    } else {
      conditions.add("status IN (" + Sql.placeholders(query.statuses().size()) + ")");
      query.statuses().stream().sorted().map(InboxStatus::name).forEach(parameters::add);
    }
    query.eventType().ifPresent(type -> {
      conditions.add("event_type = ?");
      parameters.add(type);
    });
    query.id().ifPresent(id -> {
      conditions.add("(profile_id = ? OR subprofile_id = ? OR database_id = ? OR collection_id = ?)");
      for (int i = 0; i < 4; i++) {
        parameters.add(id);
      }
    });
    query.messageId().ifPresent(id -> {
      conditions.add("message_id = ?");
      parameters.add(id);
    });
    query.from().ifPresent(from -> {
      conditions.add("received_at >= ?");
      parameters.add(from.toEpochMilli());
    });
    query.to().ifPresent(to -> {
      conditions.add("received_at < ?");
      parameters.add(to.toEpochMilli());
    });
    return new Criteria(conditions, parameters);
  }

  /** The clause with its leading {@code WHERE}; never empty, since a query never shows purged rows. */
  String where() {
    return " WHERE " + String.join(" AND ", conditions);
  }

  /** The clause and one more condition, whose parameters are bound after these. */
  String where(String condition) {
    return where() + " AND " + condition;
  }

  /** Binds the parameters from index 1; returns the next free index. */
  int bind(PreparedStatement statement) throws SQLException {
    return bind(statement, 1);
  }

  /** Binds the parameters from {@code index}; returns the next free index. */
  int bind(PreparedStatement statement, int from) throws SQLException {
    int index = from;
    for (Object parameter : parameters) {
      if (parameter instanceof Long number) {
        statement.setLong(index++, number);
      } else {
        statement.setString(index++, (String) parameter);
      }
    }
    return index;
  }
}
