package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Optional;

/**
 * What a filter built from init-params leaves for the console servlets of its web application: its
 * receiver, the record of recent calls it observes (when a console shows it) and its parser. It is a
 * {@link ServletContext} attribute named after the filter, {@link #attribute(String)}.
 *
 * @param receiver the filter's receiver
 * @param recentCalls the record the receiver was built with, when some console servlet shows this filter
 * @param parser the receiver's parser, for the zone of decoded bodies
 */
record ConsoleTarget(WebhookReceiver receiver, Optional<RecentCalls> recentCalls, WebhookParser parser) {

  static String attribute(String filterName) {
    return ConsoleTarget.class.getName() + "." + filterName;
  }

  /**
   * The record of recent calls for this filter's receiver: one when a console servlet of the web
   * application shows this filter, with the largest {@code recent-calls} of those that do.
   */
  static Optional<RecentCalls> recentCallsFor(FilterConfig config) throws ServletException {
    ServletContext context = config.getServletContext();
    List<String> filters = ConsoleSettings.webhookFilters(context);
    int capacity = 0;
    for (ConsoleSettings console : ConsoleSettings.registered(context)) {
      if (console.shows(config.getFilterName(), filters)) {
        capacity = Math.max(capacity, console.recentCalls());
      }
    }
    return capacity == 0 ? Optional.empty() : Optional.of(RecentCalls.builder().capacity(capacity).build());
  }

  /**
   * Leaves the filter's receiver for the console servlets, after checking the settings of those that show it.
   *
   * @throws ServletException naming a console's init-param that its console refuses
   */
  static void publish(FilterConfig config, WebhookReceiver receiver, Optional<RecentCalls> recentCalls,
      WebhookParser parser) throws ServletException {
    ServletContext context = config.getServletContext();
    List<String> filters = ConsoleSettings.webhookFilters(context);
    for (ConsoleSettings console : ConsoleSettings.registered(context)) {
      if (console.shows(config.getFilterName(), filters)) {
        console.console(receiver, recentCalls, parser);
      }
    }
    context.setAttribute(attribute(config.getFilterName()), new ConsoleTarget(receiver, recentCalls, parser));
  }

  /** The console of this target, with these settings. */
  WebhookConsole console(ConsoleSettings settings) throws ServletException {
    return settings.console(receiver, recentCalls, parser);
  }
}
