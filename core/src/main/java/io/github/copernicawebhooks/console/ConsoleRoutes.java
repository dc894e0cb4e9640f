package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Sends each console request to its endpoint, after the access checks. */
final class ConsoleRoutes {

  private static final Logger LOGGER = System.getLogger(WebhookConsole.class.getName());
  private static final String JSON = "application/json;charset=UTF-8";
  private static final String TEXT = "text/plain;charset=UTF-8";
  private static final String HTML = "text/html;charset=UTF-8";
  private static final String CALLS = "/api/calls/";

  /** Every answer: nothing cached, nothing sniffed, no frames, scripts and styles only from the console. */
  static final Map<String, String> SECURITY_HEADERS = securityHeaders();

  private final ConsoleAccess access;
  private final String token;
  private final ConsoleSources sources;
  private final ConsoleJson json;
  private final Clock clock;
  private final Optional<RecentCalls> recent;

  ConsoleRoutes(ConsoleAccess access, String token, ConsoleSources sources, ConsoleJson json, Clock clock,
      Optional<RecentCalls> recent) {
    this.access = access;
    this.token = token;
    this.sources = sources;
    this.json = json;
    this.clock = clock;
    this.recent = recent;
  }

  ConsoleResponse handle(ConsoleRequest request) {
    boolean api = request.path().startsWith("/api/");
    Optional<String> refused = access.refusal(request);
    if (refused.isPresent()) {
      return api ? error(403, refused.get()) : text(403, refused.get());
    }
    try {
      if (request.method().equals("POST")) {
        Optional<String> forged = access.postRefusal(request);
        return forged.isPresent() ? error(403, forged.get()) : post(request);
      }
      if (request.method().equals("GET") || request.method().equals("HEAD")) {
        return get(request, api);
      }
      return withAllow(error(405, "method " + request.method() + " is not allowed here"), api ? "GET, POST" : "GET");
    } catch (QueryParameters.Invalid invalid) {
      return error(400, invalid.text());
    } catch (WebhookException unavailable) {
      LOGGER.log(Level.WARNING, "Copernica webhook console: " + unavailable.getMessage(), unavailable);
      return error(WebhookOutcome.Kind.of(unavailable.reason()).status() == 503 ? 503 : 500,
          "the inbox cannot be read right now: " + unavailable.reason());
    } catch (RuntimeException unexpected) {
      LOGGER.log(Level.ERROR, "Copernica webhook console failed on " + request.method() + " " + request.path(),
          unexpected);
      return error(500, "the console failed; the error is in the application's log");
    }
  }

  private ConsoleResponse get(ConsoleRequest request, boolean api) {
    String path = request.path();
    if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
      return new ConsoleResponse(200, HTML, ConsolePage.page(token, request.postHeaders()), SECURITY_HEADERS);
    }
    if (!api) {
      return ConsolePage.asset(path)
          .map(bytes -> new ConsoleResponse(200, ConsolePage.type(path), bytes, SECURITY_HEADERS))
          .orElseGet(() -> text(404, "not found"));
    }
    if (path.equals("/api/info")) {
      return ok(info());
    }
    if (path.equals("/api/calls")) {
      CallQuery query = QueryParameters.read(request);
      return ok(json.page(sources.source().list(query), query, sources.mode()));
    }
    if (path.equals("/api/counts")) {
      Instant now = clock.instant();
      CallSource source = sources.source();
      return ok(json.counts(source.counts(now.minus(Duration.ofHours(1))), source.counts(now.minus(Duration.ofDays(1)))));
    }
    if (path.startsWith(CALLS) && path.indexOf('/', CALLS.length()) < 0) {
      String id = path.substring(CALLS.length());
      return sources.source().find(id).map(detail -> ok(json.detail(detail)))
          .orElseGet(() -> error(404, "no call " + printable(id) + ": it was forgotten or purged"));
    }
    return error(404, "no endpoint " + printable(path));
  }

  private ConsoleResponse post(ConsoleRequest request) {
    String path = request.path();
    if (path.equals("/api/purge")) {
      int purged = sources.source().purge(QueryParameters.read(request));
      LOGGER.log(Level.INFO, "Copernica webhook console: {0} calls purged", purged);
      return ok(JsonNodeFactory.instance.objectNode().put("purged", purged)
          .put("message", purged + (purged == 1 ? " call" : " calls") + " purged"));
    }
    if (path.startsWith(CALLS) && path.endsWith("/retry")) {
      String id = path.substring(CALLS.length(), path.length() - "/retry".length());
      return action(sources.source().retry(id), id, "retry", "will be delivered again now");
    }
    if (path.startsWith(CALLS) && path.endsWith("/redeliver")) {
      String id = path.substring(CALLS.length(), path.length() - "/redeliver".length());
      return action(sources.source().redeliver(id), id, "redeliver", "will be delivered to the handlers again now");
    }
    return error(404, "no action " + printable(path));
  }

  private ConsoleResponse action(boolean done, String id, String action, String success) {
    if (!done) {
      return error(409, "call " + printable(id) + " cannot be " + (action.equals("retry") ? "retried" : "delivered again")
          + " (it is not in the inbox, or not in a state that allows it any more)");
    }
    LOGGER.log(Level.INFO, "Copernica webhook console: {0} of call {1}", action, id);
    return ok(JsonNodeFactory.instance.objectNode().put("ok", true).put("message", "Call " + id + " " + success));
  }

  private ObjectNode info() {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("mode", sources.mode());
    info.put("recentCalls", recent.map(RecentCalls::capacity).orElse(0));
    info.put("maskValues", json.masksValues());
    info.put("verifiesSignatures", json.verifiesSignatures());
    ArrayNode outcomes = info.putArray("outcomes");
    for (Outcome outcome : Outcome.values()) {
      outcomes.add(outcome.label());
    }
    ArrayNode types = info.putArray("eventTypes");
    eventTypes(WebhookEvent.class, new ArrayList<>()).forEach(types::add);
    return info;
  }

  /** The simple names of the concrete event records, from the sealed hierarchy. */
  private static List<String> eventTypes(Class<?> type, List<String> names) {
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted == null) {
      names.add(type.getSimpleName());
      return names;
    }
    for (Class<?> subtype : permitted) {
      eventTypes(subtype, names);
    }
    return names;
  }

  private static ConsoleResponse ok(ObjectNode body) {
    return new ConsoleResponse(200, JSON, ConsoleJson.bytes(body), SECURITY_HEADERS);
  }

  private static ConsoleResponse error(int status, String message) {
    return new ConsoleResponse(status, JSON, ConsoleJson.bytes(ConsoleJson.error(message)), SECURITY_HEADERS);
  }

  private static ConsoleResponse text(int status, String message) {
    return new ConsoleResponse(status, TEXT, message.getBytes(StandardCharsets.UTF_8), SECURITY_HEADERS);
  }

  private static ConsoleResponse withAllow(ConsoleResponse response, String allow) {
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.put("Allow", allow);
    return new ConsoleResponse(response.status(), response.contentType(), response.body(), headers);
  }

  private static String printable(String text) {
    String shortened = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    return shortened.replaceAll("\\p{Cntrl}", "?");
  }

  private static Map<String, String> securityHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
        + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    return java.util.Collections.unmodifiableMap(headers);
  }
}
