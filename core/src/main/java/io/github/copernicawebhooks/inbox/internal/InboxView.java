package io.github.copernicawebhooks.inbox.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.inbox.InboxEntry;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxPage;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxState;
import io.github.copernicawebhooks.inbox.InboxStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The operations of an inbox whose engine may not be open yet (an instance that started during an
 * outage): until it is, every table operation fails as an unreachable database does, while {@link #state}
 * always answers.
 */
final class InboxView implements InboxOperations {

  private final Supplier<@Nullable InboxEngine> engine;
  private final Supplier<InboxState> state;

  InboxView(Supplier<@Nullable InboxEngine> engine, Supplier<InboxState> state) {
    this.engine = engine;
    this.state = state;
  }

  @Override
  public InboxPage list(InboxQuery query) {
    return table().list(query);
  }

  @Override
  public Map<InboxStatus, Long> countByStatus(Optional<Instant> since) {
    return table().countByStatus(since);
  }

  @Override
  public void ping() {
    table().ping();
  }

  @Override
  public Optional<InboxEntry> find(long id) {
    return table().find(id);
  }

  @Override
  public boolean retryNow(long id) {
    return table().retryNow(id);
  }

  @Override
  public boolean redeliver(long id) {
    return table().redeliver(id);
  }

  @Override
  public int purge(InboxQuery query) {
    return table().purge(query);
  }

  @Override
  public InboxState state() {
    return state.get();
  }

  private InboxOperations table() {
    InboxEngine opened = engine.get();
    if (opened == null) {
      throw new WebhookException(WebhookException.Reason.STORE_UNAVAILABLE,
          "the inbox database has not been reached since the start; its schema is not checked yet");
    }
    return opened.operations();
  }
}
