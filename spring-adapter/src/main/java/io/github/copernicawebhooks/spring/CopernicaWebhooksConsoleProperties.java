package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.console.WebhookConsole;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
 * @param allowedAddresses IP addresses or CIDR ranges (10.1.2.0/24, fd00::/8) of the clients the console
 *     answers when Spring Security is not on the class path, instead of only local ones. Decided on the
 *     connection's peer, or on X-Forwarded-For from one of copernica.webhooks.console.trusted-proxies.
 * @param trustedProxies IP addresses or CIDR ranges of the proxies whose X-Forwarded-For names the client: the
 *     client is the last address there that is not a trusted proxy itself. Without any, proxy headers are not
 *     believed, and a local-only console refuses calls that carry one.
 * @param publicUrl URL at which browsers open the console (https://ops.example.com/copernica-webhooks); the
 *     Origin of each console POST must then be its origin. Without it a POST needs the page's token and, from a
 *     browser that sends it, Sec-Fetch-Site same-origin.
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
    @DefaultValue(WebhookConsole.DEFAULT_ROLE) String role,
    @DefaultValue List<String> allowedAddresses,
    @DefaultValue List<String> trustedProxies,
    @Nullable String publicUrl) {

  /** The console's path unless {@code copernica.webhooks.console.path} says otherwise. */
  public static final String DEFAULT_PATH = "/copernica-webhooks";

  public CopernicaWebhooksConsoleProperties {
    allowedAddresses = List.copyOf(allowedAddresses);
    trustedProxies = List.copyOf(trustedProxies);
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
