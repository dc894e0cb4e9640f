package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.console.WebhookConsole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web console, bound from {@code copernica.webhooks.console.*}. The parameter descriptions
 * below become the configuration metadata IDEs show.
 *
 * @param enabled Whether to serve the web console, which shows the calls Copernica made, why one was
 *     refused, what a handler threw, and retries inbox events. Off by default.
 * @param path Path of the console; it serves everything below it.
 * @param allowRemote Whether clients on other machines may use the console when Spring Security is not on
 *     the class path. Without Spring Security the console answers only local clients by default; with it,
 *     it answers users in the role of copernica.webhooks.console.role from anywhere.
 * @param recentCalls How many recent calls the console keeps in memory: every call without the inbox, the
 *     refused ones (and duplicates) with it.
 * @param maskValues Whether to mask the values of fields and parameters and every email address on the
 *     server, so that they never reach the browser.
 * @param role Role a user needs for the console when Spring Security is on the class path (without the
 *     ROLE_ prefix), for example granted with spring.security.user.roles.
 */
@ConfigurationProperties("copernica.webhooks.console")
public record CopernicaWebhooksConsoleProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue(DEFAULT_PATH) String path,
    @DefaultValue("false") boolean allowRemote,
    @DefaultValue("500") int recentCalls,
    @DefaultValue("false") boolean maskValues,
    @DefaultValue(WebhookConsole.DEFAULT_ROLE) String role) {

  /** The console's path unless {@code copernica.webhooks.console.path} says otherwise. */
  public static final String DEFAULT_PATH = "/copernica-webhooks";

  public CopernicaWebhooksConsoleProperties {
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
      throw new IllegalArgumentException(
          "copernica.webhooks.console.path must start with '/' and end without '/' or '*', got '" + path + "'");
    }
    if (recentCalls < 1) {
      throw new IllegalArgumentException("copernica.webhooks.console.recent-calls must be at least 1");
    }
    if (role.isBlank() || role.startsWith("ROLE_")) {
      throw new IllegalArgumentException(
          "copernica.webhooks.console.role must name a role without the ROLE_ prefix, got '" + role + "'");
    }
  }
}
