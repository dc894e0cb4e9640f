package io.github.copernicawebhooks.console;

import java.util.List;

/**
 * One page of the list, newest first, and how many calls match the filters in all.
 *
 * @param calls the rows of the page
 * @param total the matching calls
 */
record CallPage(List<CallSummary> calls, long total) {

  CallPage {
    calls = List.copyOf(calls);
  }
}
