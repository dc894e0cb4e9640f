package io.github.copernicawebhooks.inbox;

import java.util.List;

/**
 * One page of a {@linkplain InboxOperations#list listing}.
 *
 * @param entries the events of this page, newest first
 * @param total how many events match the query, over all pages
 */
public record InboxPage(List<InboxSummary> entries, long total) {

  public InboxPage {
    entries = List.copyOf(entries);
  }
}
