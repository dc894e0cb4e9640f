package io.github.copernicawebhooks.console;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.internal.Parsing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The console's JSON: list rows, counts and the detail of one call, masked when masking is on. */
final class ConsoleJson {

  /** The most characters of a body the detail view gets; the rest is cut. */
  static final int MAX_BODY_CHARS = 64 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Reads and writes trees only: the events themselves are written by {@link WebhookEvents}. */
  private static final JsonMapper TREES = JsonMapper.builder().build();

  private final boolean maskValues;
  private final boolean verifiesSignatures;
  private final WebhookParser parser;

  ConsoleJson(boolean maskValues, boolean verifiesSignatures, WebhookParser parser) {
    this.maskValues = maskValues;
    this.verifiesSignatures = verifiesSignatures;
    this.parser = parser;
  }

  boolean masksValues() {
    return maskValues;
  }

  boolean verifiesSignatures() {
    return verifiesSignatures;
  }

  static byte[] bytes(JsonNode node) {
    return TREES.writeValueAsBytes(node);
  }

  ObjectNode page(CallPage page, CallQuery query, String mode) {
    ObjectNode json = NODES.objectNode();
    json.put("mode", mode);
    json.put("total", page.total());
    json.put("offset", query.offset());
    json.put("limit", query.limit());
    ArrayNode calls = json.putArray("calls");
    for (CallSummary call : page.calls()) {
      calls.add(summary(call, Masking.forCall(maskValues)));
    }
    return json;
  }

  ObjectNode counts(Map<Outcome, Long> lastHour, Map<Outcome, Long> lastDay) {
    ObjectNode json = NODES.objectNode();
    json.set("lastHour", counts(lastHour));
    json.set("lastDay", counts(lastDay));
    return json;
  }

  private static ObjectNode counts(Map<Outcome, Long> counts) {
    ObjectNode json = NODES.objectNode();
    for (Outcome outcome : Outcome.values()) {
      Long count = counts.get(outcome);
      if (count != null) {
        json.put(outcome.label(), count);
      }
    }
    return json;
  }

  /** A row. While masking, a handler error shows only its exception class: its message may quote a value. */
  ObjectNode summary(CallSummary call, Masking masking) {
    ObjectNode json = NODES.objectNode();
    json.put("id", call.id());
    json.put("time", call.time().toString());
    json.put("outcome", call.outcome().label());
    call.status().ifPresent(status -> json.put("status", status));
    call.reason().ifPresent(reason -> json.put("reason", reason.name()));
    call.ids().eventType().ifPresent(type -> json.put("eventType", type));
    ObjectNode ids = json.putObject("ids");
    put(ids, "profile", call.ids().profile());
    put(ids, "subprofile", call.ids().subprofile());
    put(ids, "database", call.ids().database());
    put(ids, "collection", call.ids().collection());
    call.ids().message().ifPresent(message -> ids.put("message", masking.text(message)));
    json.put("attempts", call.attempts());
    call.nextAttemptAt().ifPresent(next -> json.put("nextAttemptAt", next.toString()));
    json.put("method", call.method());
    json.put("target", masking.text(call.target()));
    call.lastError().ifPresent(error -> json.put("lastError", maskValues ? exceptionClass(error) : error));
    ObjectNode actions = json.putObject("actions");
    actions.put("retry", call.isRetryable());
    actions.put("redeliver", call.isRedeliverable());
    return json;
  }

  ObjectNode detail(CallDetail call) {
    Masking masking = Masking.forCall(maskValues);
    ObjectNode json = NODES.objectNode();
    boolean complete = call.body().length == call.bodyLength();
    String contentType = call.contentType().orElse("");
    variables(json, call, complete, contentType, masking);
    event(json, call, complete, contentType, masking);
    body(json, call, complete, contentType, masking);
    json.set("call", summary(call.summary(), masking));
    call.summary().lastError()
        .ifPresent(error -> ((ObjectNode) json.get("call")).put("lastError", masking.handlerError(error)));
    ObjectNode request = json.putObject("request");
    request.put("method", call.summary().method());
    request.put("target", masking.text(call.summary().target()));
    call.remoteAddress().ifPresent(address -> request.put("remoteAddress", address));
    ArrayNode headers = request.putArray("headers");
    for (Header header : call.headers()) {
      headers.addObject().put("name", header.name()).put("value", masking.text(header.value()));
    }
    call.reasonMessage().ifPresent(message -> json.put("reasonMessage", reasonMessage(call, message, masking)));
    ArrayNode steps = json.putArray("verification");
    for (VerificationSteps.Step step : VerificationSteps.of(verifiesSignatures, call.summary().outcome(),
        call.summary().reason(), call.reasonMessage(), call.headers(), call.summary().time())) {
      steps.addObject().put("name", step.name()).put("result", step.result()).put("detail", masking.text(step.detail()));
    }
    ArrayNode attempts = json.putArray("attempts");
    for (Attempt attempt : call.attempts()) {
      ObjectNode node = attempts.addObject();
      node.put("number", attempt.number());
      node.put("startedAt", attempt.startedAt().toString());
      node.put("endedAt", attempt.endedAt().toString());
      node.put("succeeded", attempt.succeeded());
      attempt.error().ifPresent(error -> node.put("error", masking.handlerError(error)));
      attempt.stackTrace().ifPresent(trace -> node.put("stackTrace", masking.handlerError(trace)));
      attempt.instance().ifPresent(instance -> node.put("instance", instance));
    }
    return json;
  }

  /** The decoded variables as a tree; first, so that the values masked there are masked everywhere. */
  private static void variables(ObjectNode json, CallDetail call, boolean complete, String contentType,
      Masking masking) {
    if (!complete) {
      json.put("variablesNote", "the body was cut when it was kept, so it is not decoded");
      return;
    }
    if (call.bodyLength() == 0) {
      masking.sawEveryValue();
      json.put("variablesNote", "the call had no body, or it was refused before the body was read");
      return;
    }
    Optional<Boolean> asJson = isJson(contentType);
    if (asJson.isEmpty()) {
      json.put("variablesNote", "not decoded: the content type is neither form-urlencoded nor JSON");
      return;
    }
    try {
      json.set("variables", VariableTree.of(Parsing.variables(call.body(), contentType, ParserLimits.DEFAULTS),
          masking));
      masking.sawEveryValue();
    } catch (WebhookException failure) {
      json.put("variablesNote",
          "the body cannot be decoded: " + masking.message(String.valueOf(failure.getMessage())));
    }
  }

  /** The typed event: the one handled, or, for a refused call, the body parsed again for display only. */
  private void event(ObjectNode json, CallDetail call, boolean complete, String contentType, Masking masking) {
    Optional<WebhookEvent> event = call.event();
    if (event.isEmpty() && complete && call.bodyLength() > 0 && isJson(contentType).isPresent()) {
      try {
        event = Optional.of(parser.parse(call.body(), contentType));
        if (call.summary().outcome() == Outcome.REFUSED) {
          json.put("eventNote", "parsed for display only: the call was refused and its event never dispatched");
        }
      } catch (WebhookException failure) {
        json.put("eventNote", "no event: " + masking.message(String.valueOf(failure.getMessage())));
      }
    }
    event.ifPresent(parsed -> {
      try {
        json.set("event", masking.json(TREES.readTree(WebhookEvents.toJson(parsed))));
      } catch (JacksonException | IllegalArgumentException unwritable) {
        json.put("eventNote",
            "the event cannot be shown as JSON: " + masking.message(String.valueOf(unwritable.getMessage())));
      }
    });
  }

  private static void body(ObjectNode json, CallDetail call, boolean complete, String contentType, Masking masking) {
    ObjectNode body = json.putObject("body");
    body.put("length", call.bodyLength());
    body.put("kept", call.body().length);
    body.put("contentType", contentType);
    body.put("masked", masking.isOn());
    String text = new String(call.body(), StandardCharsets.UTF_8);
    boolean cut = !complete;
    if (text.length() > MAX_BODY_CHARS) {
      text = text.substring(0, MAX_BODY_CHARS);
      cut = true;
    }
    body.put("truncated", cut);
    body.put("text", masked(text, complete, contentType, masking));
  }

  private static String masked(String text, boolean complete, String contentType, Masking masking) {
    if (!masking.isOn()) {
      return text;
    }
    if (isJson(contentType).orElse(false)) {
      try {
        JsonNode tree = TREES.readTree(text);
        return TREES.writerWithDefaultPrettyPrinter().writeValueAsString(masking.json(tree));
      } catch (JacksonException unreadable) {
        return complete ? "(hidden: not valid JSON, and values are masked)" : "(hidden: cut, and values are masked)";
      }
    }
    return masking.formBody(text);
  }

  /** Whether the body is JSON ({@code true}) or a form ({@code false}); empty for anything else. */
  static Optional<Boolean> isJson(String contentType) {
    try {
      return Optional.of(Parsing.isJson(contentType));
    } catch (WebhookException unsupported) {
      return Optional.empty();
    }
  }

  /** A refusal for the signature quotes only headers, shown anyway; any other may quote the body. */
  private static String reasonMessage(CallDetail call, String message, Masking masking) {
    boolean verification = call.summary().reason().map(WebhookException.Reason::isVerificationFailure).orElse(false);
    return verification ? masking.text(message) : masking.message(message);
  }

  private static void put(ObjectNode json, String name, OptionalLong value) {
    value.ifPresent(id -> json.put(name, id));
  }

  /** {@code java.lang.IllegalStateException: boom} becomes {@code java.lang.IllegalStateException}. */
  static String exceptionClass(String error) {
    int colon = error.indexOf(':');
    return colon < 0 ? error : error.substring(0, colon);
  }

  static ObjectNode error(String message) {
    return NODES.objectNode().put("error", message);
  }
}
