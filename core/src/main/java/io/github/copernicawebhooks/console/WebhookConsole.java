package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The web console of one receiver, independent of any web framework: the page and its JSON endpoints.
 * An adapter (the servlet module's {@code CopernicaWebhookConsoleServlet}) turns each HTTP request below
 * the console's path into a {@link ConsoleRequest} and writes the {@link ConsoleResponse}. Thread-safe.
 *
 * <p>Endpoints, relative to the console's path: {@code GET /} the page; {@code GET api/info};
 * {@code GET api/calls} (filters {@code outcome}, {@code eventType}, {@code id}, {@code messageId},
 * {@code from}, {@code to}; paging {@code offset}, {@code limit}); {@code GET api/counts};
 * {@code GET api/calls/{id}}; {@code POST api/calls/{id}/retry}, {@code POST api/calls/{id}/redeliver}
 * and {@code POST api/purge} (the list's filters), each with the page's token.
 *
 * <p>Secure by default: without a {@linkplain Builder#role role} it answers only local clients (a loopback peer)
 * unless {@linkplain Builder#allowedAddresses other addresses} or {@linkplain Builder#allowRemote remote clients}
 * are allowed; with one, only users in that role. A mode that decides on the client's address decides on the
 * connection's real peer, or on {@code X-Forwarded-For} from a {@linkplain Builder#trustedProxies trusted proxy}:
 * a request whose peer something in front of the console replaced ({@link ConsoleRequest#forwardedBy()}) is
 * refused.
 *
 * <pre>{@code
 * WebhookConsole console = WebhookConsole.builder(receiver).recentCalls(recent).maskValues(true).build();
 * ConsoleResponse response = console.handle(request);
 * }</pre>
 */
public final class WebhookConsole {

  /** The header that carries the page's token on every POST. */
  public static final String TOKEN_HEADER = "X-Copernica-Console-Token";

  /** The role a user needs when the application's security protects the console (Spring Security). */
  public static final String DEFAULT_ROLE = "COPERNICA_WEBHOOKS_CONSOLE";

  private final ConsoleRoutes routes;
  private final boolean allowRemote;
  private final boolean maskValues;
  private final Optional<String> role;
  private final boolean decidesOnAddress;

  private WebhookConsole(Builder builder) {
    this.allowRemote = builder.allowRemote;
    this.maskValues = builder.maskValues;
    this.role = Optional.ofNullable(builder.role);
    String token = token();
    Clock clock = builder.recentCalls != null ? builder.recentCalls.clock() : Clock.systemUTC();
    ConsoleSources sources = ConsoleSources.of(builder.receiver, Optional.ofNullable(builder.recentCalls));
    ConsoleAccess access = new ConsoleAccess(allowRemote, role, builder.allowedAddresses, builder.trustedProxies,
        builder.publicOrigin, token);
    this.decidesOnAddress = access.decidesOnAddress();
    this.routes = new ConsoleRoutes(access, token, sources,
        new ConsoleJson(maskValues, builder.receiver.verifiesSignatures(), builder.parser), clock,
        Optional.ofNullable(builder.recentCalls));
  }

  /** A builder for the console of this receiver. */
  public static Builder builder(WebhookReceiver receiver) {
    return new Builder(receiver);
  }

  /** Answers one request below the console's path. Never throws for a client's mistake. */
  public ConsoleResponse handle(ConsoleRequest request) {
    return routes.handle(request);
  }

  /** Whether clients other than local ones may use it (when no role is required). */
  public boolean allowsRemote() {
    return allowRemote;
  }

  /**
   * Whether it decides on the client's address (local clients only, or the allowed addresses): then nothing in
   * front of it may replace the peer address with one from a proxy header, and an adapter that can see such a
   * filter or valve refuses to start it.
   */
  public boolean decidesOnAddress() {
    return decidesOnAddress;
  }

  /** The message an adapter gives when a filter or valve that rewrites the peer address is in front of it. */
  public static String rewrittenPeerMessage(String by) {
    return ConsoleAccess.rewritten(by);
  }

  /** Whether field values and email addresses are masked before they leave the server. */
  public boolean masksValues() {
    return maskValues;
  }

  /** The role users need, when the application's security protects the console. */
  public Optional<String> role() {
    return role;
  }

  /** A fresh random token per console: the page carries it, every POST must send it back. */
  private static String token() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Builds a {@link WebhookConsole}. */
  public static final class Builder {
    private final WebhookReceiver receiver;
    private @Nullable RecentCalls recentCalls;
    private boolean maskValues;
    private boolean allowRemote;
    private @Nullable String role;
    private AddressRanges allowedAddresses = AddressRanges.NONE;
    private AddressRanges trustedProxies = AddressRanges.NONE;
    private Optional<String> publicOrigin = Optional.empty();
    private WebhookParser parser = WebhookParser.create();

    private Builder(WebhookReceiver receiver) {
      this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * The record of recent calls the receiver was built to {@linkplain WebhookReceiver.Builder#observer
     * observe}: every call without the inbox, the refused ones with it. Without it only the inbox is shown.
     */
    public Builder recentCalls(RecentCalls recentCalls) {
      this.recentCalls = Objects.requireNonNull(recentCalls, "recentCalls");
      return this;
    }

    /**
     * Masks every value of {@code fields[...]} and {@code parameters[...]} and every email address on the
     * server, so they never reach the browser; off by default.
     */
    public Builder maskValues(boolean maskValues) {
      this.maskValues = maskValues;
      return this;
    }

    /** Answers clients on other machines too; off by default (only local clients). Ignored with a role. */
    public Builder allowRemote(boolean allowRemote) {
      this.allowRemote = allowRemote;
      return this;
    }

    /** Answers only users in this role, from anywhere; the application's security authenticates them. */
    public Builder role(String role) {
      if (role.isBlank()) {
        throw new IllegalArgumentException("role must not be blank");
      }
      this.role = role.trim();
      return this;
    }

    /**
     * Answers only clients at these IP addresses or CIDR ranges ({@code 10.1.2.0/24}, {@code fd00::/8}) instead of
     * only local ones; empty (the default) for local clients only. Decided on the connection's peer, or on
     * {@code X-Forwarded-For} from a trusted proxy. Ignored with a role or {@code allowRemote}.
     *
     * @throws IllegalArgumentException naming an entry that is not an IP address or range
     */
    public Builder allowedAddresses(Collection<String> addresses) {
      this.allowedAddresses = AddressRanges.parse("allowed-addresses", addresses);
      return this;
    }

    /**
     * The proxies (IP addresses or CIDR ranges) whose {@code X-Forwarded-For} names the client: for a call from
     * one of them, the client is the last address in that header that is not a trusted proxy itself. None by
     * default: every proxy header is then ignored, and a local-only console refuses calls that carry one.
     *
     * @throws IllegalArgumentException naming an entry that is not an IP address or range
     */
    public Builder trustedProxies(Collection<String> proxies) {
      this.trustedProxies = AddressRanges.parse("trusted-proxies", proxies);
      return this;
    }

    /**
     * The URL at which browsers open the console ({@code https://ops.example.com/copernica-webhooks}): a POST's
     * {@code Origin}, when sent, must then be this URL's origin. Without it a POST needs the page's token and,
     * when the browser sends it, {@code Sec-Fetch-Site: same-origin}.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public Builder publicUrl(String url) {
      Optional<String> origin = ConsoleAccess.origin(url);
      if (origin.isEmpty() || !(origin.get().startsWith("http://") || origin.get().startsWith("https://"))) {
        throw new IllegalArgumentException("public-url must be an absolute http or https URL, not '" + url + "'");
      }
      this.publicOrigin = origin;
      return this;
    }

    /** The parser that decodes kept bodies for display, for its zone; default {@link WebhookParser#create()}. */
    public Builder parser(WebhookParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    public WebhookConsole build() {
      return new WebhookConsole(this);
    }
  }
}
