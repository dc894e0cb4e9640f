package io.github.copernicawebhooks.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A request to the console, independent of any web framework; an adapter (the console servlet) builds
 * one per HTTP request. Actions carry no body: everything is in the path and the query.
 *
 * @param method the HTTP method
 * @param path the path below the console's own path, starting with {@code /} ({@code /api/calls})
 * @param query the query parameters, each with its values
 * @param headers the request headers by lower-case name, first value each ({@code X-Forwarded-For}: all its
 *     values joined with commas, since the console reads its last hops)
 * @param remoteAddress the peer's IP address as the server saw it; empty when unknown
 * @param userInRole whether the authenticated user has a role (for a servlet,
 *     {@code HttpServletRequest::isUserInRole}); asked only when the console requires a role
 * @param postHeaders headers the page's script must add to each POST besides the console's token, such as
 *     the application's own CSRF token; empty for none
 * @param forwardedBy what replaced the connection's peer address with one taken from a proxy header before the
 *     console saw the request (a forwarded-header filter or valve), when the adapter can tell; empty when
 *     {@code remoteAddress} is the connection's real peer
 */
public record ConsoleRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String remoteAddress,
    Predicate<String> userInRole,
    Map<String, String> postHeaders,
    Optional<String> forwardedBy) {

  /** A request whose {@code remoteAddress} is the connection's real peer. */
  public ConsoleRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
      String remoteAddress, Predicate<String> userInRole, Map<String, String> postHeaders) {
    this(method, path, query, headers, remoteAddress, userInRole, postHeaders, Optional.empty());
  }

  /** Checks for nulls, copies the maps and makes the header names lower case. */
  public ConsoleRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(userInRole, "userInRole");
    Objects.requireNonNull(forwardedBy, "forwardedBy");
    Map<String, List<String>> queryCopy = new LinkedHashMap<>();
    query.forEach((name, values) -> queryCopy.put(name, List.copyOf(values)));
    query = java.util.Collections.unmodifiableMap(queryCopy);
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
    headers = java.util.Collections.unmodifiableMap(lower);
    postHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(postHeaders));
  }

  /** A header's first value, by any case of its name. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A query parameter's first non-blank value. */
  public Optional<String> parameter(String name) {
    return query.getOrDefault(name, List.of()).stream().filter(value -> !value.isBlank()).map(String::trim).findFirst();
  }
}
