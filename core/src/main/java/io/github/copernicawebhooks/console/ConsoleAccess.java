package io.github.copernicawebhooks.console;

import java.net.URI;
import java.net.URISyntaxException;
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
 *   <li>With {@code allow-remote}, anyone who can reach it.
 *   <li>Otherwise the console decides on the client's address, and so on the connection's real peer: when the
 *       adapter saw that something in front of it (a forwarded-header filter or valve) replaced the peer with
 *       an address from a header, it refuses every call. A peer in the trusted proxies is replaced by the last
 *       address of {@code X-Forwarded-For} that is not a trusted proxy itself.
 *   <li>With allowed addresses, only clients in them; without, only local ones: the client is a loopback
 *       address, the {@code Host} is a loopback name (so a DNS-rebinding page cannot reach it), and unless it
 *       came through a trusted proxy, no proxy header ({@code Forwarded}, {@code X-Forwarded-For},
 *       {@code X-Real-IP}) says it came from elsewhere through a proxy on this machine. A proxy on this
 *       machine that adds no header makes everyone local: this mode means "loopback peer", nothing more.
 *   <li>Every POST carries the console's token in {@link WebhookConsole#TOKEN_HEADER} (only the page has
 *       it, and another site's page can neither read it nor send that header without a CORS preflight the
 *       console never grants); a browser's {@code Sec-Fetch-Site} must say same-origin, and with a public URL
 *       the {@code Origin}, when sent, must be that URL's. The {@code Host} is not compared: a proxy may
 *       rewrite it.
 * </ul>
 */
final class ConsoleAccess {

  private static final List<String> PROXY_HEADERS = List.of("forwarded", "x-forwarded-for", "x-real-ip");

  private final boolean allowRemote;
  private final Optional<String> role;
  private final AddressRanges allowedAddresses;
  private final AddressRanges trustedProxies;
  private final Optional<String> publicOrigin;
  private final byte[] token;

  ConsoleAccess(boolean allowRemote, Optional<String> role, AddressRanges allowedAddresses,
      AddressRanges trustedProxies, Optional<String> publicOrigin, String token) {
    this.allowRemote = allowRemote;
    this.role = role;
    this.allowedAddresses = allowedAddresses;
    this.trustedProxies = trustedProxies;
    this.publicOrigin = publicOrigin;
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether it decides on the client's address, which nothing in front of it may then rewrite. */
  boolean decidesOnAddress() {
    return role.isEmpty() && !allowRemote;
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
    if (request.forwardedBy().isPresent()) {
      return Optional.of(rewritten(request.forwardedBy().get()));
    }
    boolean viaProxy = trustedProxies.contains(request.remoteAddress());
    Optional<String> client = viaProxy ? forwardedClient(request) : Optional.of(request.remoteAddress());
    if (client.isEmpty()) {
      return Optional.of("the Copernica webhook console was called through a trusted proxy that sent no X-Forwarded-For");
    }
    if (!allowedAddresses.isEmpty()) {
      return allowedAddresses.contains(client.get())
          ? Optional.empty()
          : Optional.of("the Copernica webhook console answers only its allowed addresses (allowed-addresses)");
    }
    boolean local = isLoopbackAddress(client.get())
        && request.header("host").map(ConsoleAccess::isLoopbackHost).orElse(false)
        && (viaProxy || PROXY_HEADERS.stream().noneMatch(name -> request.header(name).isPresent()));
    return local
        ? Optional.empty()
        : Optional.of("the Copernica webhook console answers only local clients (set a role, allowed-addresses or"
            + " allow-remote to change that)");
  }

  /** The message for every call when the peer address was replaced before the console saw it. */
  static String rewritten(String by) {
    return "the Copernica webhook console decides on the client's address, but " + by + " replaced it with one"
        + " taken from a proxy header, which any client can send; use the role mode (role), or turn that off, list"
        + " your proxies in trusted-proxies and the clients that may use the console in allowed-addresses";
  }

  /** The last address in X-Forwarded-For that is not a trusted proxy; the first one when all are. */
  private Optional<String> forwardedClient(ConsoleRequest request) {
    Optional<String> forwarded = request.header("x-forwarded-for");
    if (forwarded.isEmpty() || forwarded.get().isBlank()) {
      return Optional.empty();
    }
    String[] hops = forwarded.get().split(",");
    for (int hop = hops.length - 1; hop >= 0; hop--) {
      if (!trustedProxies.contains(hops[hop])) {
        return Optional.of(hops[hop].trim());
      }
    }
    return Optional.of(hops[0].trim());
  }

  /** Why this POST is not the page's own, if it is not. */
  Optional<String> postRefusal(ConsoleRequest request) {
    Optional<String> sent = request.header(WebhookConsole.TOKEN_HEADER);
    if (sent.isEmpty() || !MessageDigest.isEqual(token, sent.get().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("missing or wrong console token: reload the console page");
    }
    Optional<String> site = request.header("sec-fetch-site");
    if (site.isPresent() && !(site.get().equals("same-origin") || site.get().equals("none"))) {
      return Optional.of("the request comes from another site");
    }
    Optional<String> origin = request.header("origin");
    if (publicOrigin.isPresent() && origin.isPresent()
        && !origin(origin.get()).map(publicOrigin.get()::equals).orElse(false)) {
      return Optional.of("the request comes from another origin than the console's public URL");
    }
    return Optional.empty();
  }

  /**
   * The origin of a URL, as a browser writes it in {@code Origin}: lower-case scheme and host, the port only
   * when it is not the scheme's default.
   */
  static Optional<String> origin(String url) {
    try {
      URI uri = new URI(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    } catch (URISyntaxException unreadable) {
      return Optional.empty();
    }
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
