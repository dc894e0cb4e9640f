package io.github.copernicawebhooks.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the console, and which POSTs are the page's own.
 *
 * <ul>
 *   <li>With a role, only users in that role, from anywhere (the application's security authenticates them).
 *   <li>Without a role and without {@code allow-remote}, only local clients: the peer is a loopback
 *       address, the {@code Host} is a loopback name (so a DNS-rebinding page cannot reach it), and no
 *       proxy header ({@code Forwarded}, {@code X-Forwarded-For}, {@code X-Real-IP}) says it came from
 *       elsewhere through a proxy on this machine.
 *   <li>Every POST carries the console's token in {@link WebhookConsole#TOKEN_HEADER} (only the page has
 *       it, and another site's page cannot read it or send that header), and its {@code Origin}, when sent,
 *       is this host; a browser's {@code Sec-Fetch-Site} must not say cross-site.
 * </ul>
 */
final class ConsoleAccess {

  private static final List<String> PROXY_HEADERS = List.of("forwarded", "x-forwarded-for", "x-real-ip");

  private final boolean allowRemote;
  private final Optional<String> role;
  private final byte[] token;

  ConsoleAccess(boolean allowRemote, Optional<String> role, String token) {
    this.allowRemote = allowRemote;
    this.role = role;
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  /** Why this client may not use the console at all, if it may not. */
  Optional<String> refusal(ConsoleRequest request) {
    if (role.isPresent()) {
      return request.userInRole().test(role.get())
          ? Optional.empty()
          : Optional.of("the Copernica webhook console needs the role " + role.get());
    }
    if (allowRemote) {
      return Optional.empty();
    }
    boolean local = isLoopbackAddress(request.remoteAddress())
        && request.header("host").map(ConsoleAccess::isLoopbackHost).orElse(false)
        && PROXY_HEADERS.stream().noneMatch(name -> request.header(name).isPresent());
    return local
        ? Optional.empty()
        : Optional.of("the Copernica webhook console answers only local clients (set allow-remote to change that)");
  }

  /** Why this POST is not the page's own, if it is not. */
  Optional<String> postRefusal(ConsoleRequest request) {
    Optional<String> sent = request.header(WebhookConsole.TOKEN_HEADER);
    if (sent.isEmpty() || !MessageDigest.isEqual(token, sent.get().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("missing or wrong console token: reload the console page");
    }
    Optional<String> origin = request.header("origin");
    Optional<String> host = request.header("host");
    if (origin.isPresent() && !(host.isPresent() && sameHost(origin.get(), host.get()))) {
      return Optional.of("the request comes from another origin");
    }
    Optional<String> site = request.header("sec-fetch-site");
    if (site.isPresent() && !(site.get().equals("same-origin") || site.get().equals("none"))) {
      return Optional.of("the request comes from another site");
    }
    return Optional.empty();
  }

  /** {@code http://localhost:8080} and {@code localhost:8080} name the same host. */
  static boolean sameHost(String origin, String host) {
    int scheme = origin.indexOf("://");
    String authority = scheme < 0 ? origin : origin.substring(scheme + 3);
    return authority.equalsIgnoreCase(host.trim());
  }

  static boolean isLoopbackAddress(String address) {
    String value = address.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    int zone = value.indexOf('%');
    if (zone >= 0) {
      value = value.substring(0, zone);
    }
    if (value.startsWith("::ffff:")) {
      value = value.substring("::ffff:".length());
    }
    return isLoopbackIpv4(value) || value.equals("::1") || value.equals("0:0:0:0:0:0:0:1");
  }

  private static boolean isLoopbackIpv4(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** {@code localhost}, {@code *.localhost}, {@code 127.0.0.1} or {@code [::1]}, with or without a port. */
  static boolean isLoopbackHost(String host) {
    String value = host.trim().toLowerCase(Locale.ROOT);
    String name;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        return false;
      }
      name = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!rest.isEmpty() && !isPort(rest)) {
        return false;
      }
      return name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
    }
    int colon = value.indexOf(':');
    if (colon >= 0) {
      if (!isPort(value.substring(colon))) {
        return false;
      }
      name = value.substring(0, colon);
    } else {
      name = value;
    }
    return name.equals("localhost") || name.endsWith(".localhost") || isLoopbackIpv4(name);
  }

  private static boolean isPort(String colonAndDigits) {
    return colonAndDigits.length() > 1 && colonAndDigits.charAt(0) == ':'
        && colonAndDigits.substring(1).chars().allMatch(Character::isDigit);
  }
}
