package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The init-params of {@link CopernicaWebhookConsoleServlet}, each checked; a wrong one names itself. The
 * filter reads them too, from the servlet's registration, because it must build its receiver with the
 * record of recent calls before the console exists: so it does not matter which the container starts first.
 */
final class ConsoleSettings {

  static final String FILTER_NAME = "filter-name";
  static final String ALLOW_REMOTE = "allow-remote";
  static final String RECENT_CALLS = "recent-calls";
  static final String MASK_VALUES = "mask-values";
  static final String ROLE = "role";
  static final String ALLOWED_ADDRESSES = "allowed-addresses";
  static final String TRUSTED_PROXIES = "trusted-proxies";
  static final String PUBLIC_URL = "public-url";

  private static final Set<String> KNOWN = Set.of(FILTER_NAME, ALLOW_REMOTE, RECENT_CALLS, MASK_VALUES, ROLE,
      ALLOWED_ADDRESSES, TRUSTED_PROXIES, PUBLIC_URL);

  private final String servletName;
  private final Function<String, String> parameters;

  private ConsoleSettings(String servletName, Function<String, String> parameters) {
    this.servletName = servletName;
    this.parameters = parameters;
  }

  /** The settings of one console servlet, after checking that every init-param name is known (typos fail). */
  static ConsoleSettings of(String servletName, Iterable<String> names, Function<String, String> parameters)
      throws ServletException {
    ConsoleSettings settings = new ConsoleSettings(servletName, parameters);
    for (String name : names) {
      if (!KNOWN.contains(name)) {
        throw settings.invalid(name, "is not known; known init-params: " + String.join(", ", new TreeSet<>(KNOWN)));
      }
    }
    settings.recentCalls();
    settings.allowRemote();
    settings.maskValues();
    return settings;
  }

  /** The settings of every console servlet registered in this web application, by servlet name. */
  static List<ConsoleSettings> registered(ServletContext context) throws ServletException {
    List<ConsoleSettings> consoles = new ArrayList<>();
    for (Map.Entry<String, ? extends ServletRegistration> entry : context.getServletRegistrations().entrySet()) {
      ServletRegistration registration = entry.getValue();
      if (CopernicaWebhookConsoleServlet.class.getName().equals(registration.getClassName())) {
        Map<String, String> parameters = registration.getInitParameters();
        consoles.add(of(entry.getKey(), parameters.keySet(), parameters::get));
      }
    }
    return consoles;
  }

  /** The names of the filters of this class in the web application, in order of their names. */
  static List<String> webhookFilters(ServletContext context) {
    List<String> names = new ArrayList<>();
    context.getFilterRegistrations().forEach((name, registration) -> {
      if (CopernicaWebhookFilter.class.getName().equals(registration.getClassName())) {
        names.add(name);
      }
    });
    Collections.sort(names);
    return names;
  }

  /** Whether this console shows the filter of that name: the one it names, or the only one there is. */
  boolean shows(String filterName, List<String> webhookFilters) {
    return filterName().map(filterName::equals)
        .orElse(webhookFilters.size() == 1 && webhookFilters.get(0).equals(filterName));
  }

  Optional<String> filterName() {
    return value(FILTER_NAME);
  }

  int recentCalls() throws ServletException {
    Optional<String> text = value(RECENT_CALLS);
    if (text.isEmpty()) {
      return RecentCalls.DEFAULT_CAPACITY;
    }
    try {
      int number = Integer.parseInt(text.get());
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw invalid(RECENT_CALLS, "must be a positive whole number, not '" + text.get() + "'");
  }

  boolean allowRemote() throws ServletException {
    return flag(ALLOW_REMOTE);
  }

  boolean maskValues() throws ServletException {
    return flag(MASK_VALUES);
  }

  Optional<String> role() {
    return value(ROLE);
  }

  /** Addresses or CIDR ranges, separated by commas or white space. */
  List<String> allowedAddresses() {
    return list(ALLOWED_ADDRESSES);
  }

  List<String> trustedProxies() {
    return list(TRUSTED_PROXIES);
  }

  Optional<String> publicUrl() {
    return value(PUBLIC_URL);
  }

  /**
   * The console of this filter's receiver; the filter builds one when it starts only to check these settings,
   * so that a wrong address stops the deployment.
   *
   * @throws ServletException naming the init-param whose value the console refuses
   */
  WebhookConsole console(WebhookReceiver receiver, Optional<RecentCalls> recentCalls, WebhookParser parser)
      throws ServletException {
    WebhookConsole.Builder builder = WebhookConsole.builder(receiver)
        .allowRemote(allowRemote())
        .maskValues(maskValues())
        .parser(parser);
    recentCalls.ifPresent(builder::recentCalls);
    role().ifPresent(builder::role);
    configure(ALLOWED_ADDRESSES, () -> builder.allowedAddresses(allowedAddresses()));
    configure(TRUSTED_PROXIES, () -> builder.trustedProxies(trustedProxies()));
    Optional<String> url = publicUrl();
    if (url.isPresent()) {
      configure(PUBLIC_URL, () -> builder.publicUrl(url.get()));
    }
    return builder.build();
  }

  private void configure(String name, Runnable setting) throws ServletException {
    try {
      setting.run();
    } catch (IllegalArgumentException wrong) {
      throw invalid(name, "is wrong: " + wrong.getMessage());
    }
  }

  private List<String> list(String name) {
    return value(name).map(text -> List.of(text.split("[,\\s]+"))).orElse(List.of());
  }

  private boolean flag(String name) throws ServletException {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return false;
    }
    String value = text.get().toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw invalid(name, "must be 'true' or 'false', not '" + text.get() + "'");
  }

  private Optional<String> value(String name) {
    String value = parameters.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  ServletException invalid(String name, String problem) {
    return new ServletException("Copernica webhook console '" + servletName + "': init-param '" + name + "' " + problem);
  }
}
