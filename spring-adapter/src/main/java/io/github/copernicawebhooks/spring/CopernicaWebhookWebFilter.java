package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.Screening;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.internal.BodyBudget;
import io.micrometer.observation.Observation;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The webhook endpoint of a reactive (WebFlux) application: answers every request to the webhook path
 * with the same HTTP contract as the servlet filter and passes every other request on.
 *
 * <p>The receiver's {@code screen} checks a call's head (method, content type, declared length and the
 * signature, RSA included, once per call) and refuses it there, before any of the body is read, when it
 * must. The body then gets room in the memory budget shared by all calls, or a 503 with {@code Retry-After}
 * when there is none in time, and is read without blocking, bounded in size and by the servlet filter's
 * deadline (see {@link ReactiveBody} and {@link ReactiveBodyLimits}): a stalled body is answered 408. It is
 * passed with the screening to {@code receive}, which checks only what needs the body (its {@code Digest}, the replay
 * guard). Both receiver steps may block (a DNS lookup of Copernica's key, the handler methods, a
 * de-duplication store) and run on the given scheduler, never on the event loop. The outcome is
 * left in the exchange attribute {@link #OUTCOME_ATTRIBUTE}.
 */
final class CopernicaWebhookWebFilter implements WebFilter, Ordered {

  /** The exchange attribute with the {@link WebhookOutcome} of a call; the servlet filter's name for it. */
  static final String OUTCOME_ATTRIBUTE = WebhookOutcome.class.getName();

  /** Where WebFlux keeps the HTTP server's observation in the Reactor context (ObservationThreadLocalAccessor.KEY). */
  private static final String OBSERVATION_KEY = "micrometer.observation";

  private static final Logger LOGGER = System.getLogger(CopernicaWebhookWebFilter.class.getName());
  private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

  private final WebhookReceiver receiver;
  private final String path;
  private final WebhookObservations observations;
  private final Scheduler blocking;
  private final ReactiveBodyLimits limits;

  CopernicaWebhookWebFilter(WebhookReceiver receiver, String path, WebhookObservations observations, Scheduler blocking,
      ReactiveBodyLimits limits) {
    this.receiver = receiver;
    this.path = path;
    this.observations = observations;
    this.blocking = blocking;
    this.limits = limits;
  }

  /** The limits on the bodies it reads (for tests). */
  ReactiveBodyLimits limits() {
    return limits;
  }

  /** As early as the servlet filter, before Spring Security's, so the raw body is read here. */
  @Override
  public int getOrder() {
    return CopernicaWebhooksAutoConfiguration.FILTER_ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!path.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
      return chain.filter(exchange);
    }
    return Mono.deferContextual(context -> handle(exchange, context.getOrDefault(OBSERVATION_KEY, null)));
  }

  private Mono<Void> handle(ServerWebExchange exchange, @Nullable Observation parent) {
    Observation observation = observations.startCall(parent);
    ServerHttpRequest request = exchange.getRequest();
    WebhookRequest head = head(request);
    long declaredLength = request.getHeaders().getContentLength();
    Mono<Void> answer = Mono.fromCallable(() -> observation.scoped(() -> receiver.screen(head, declaredLength)))
        .subscribeOn(blocking)
        .flatMap(screening -> screening.refusal().isPresent()
            ? write(exchange, screening.refusal().get(), hasBody(request))
            : receive(exchange, request, head, screening, declaredLength, observation));
    return answer.doFinally(signal -> observations.stopCall(observation, exchange.getAttribute(OUTCOME_ATTRIBUTE)));
  }

  /**
   * Reserves room for the body of a call whose head was admitted (waiting on the blocking scheduler, as the
   * servlet filter's thread does), then reads it; a call that finds no room in time is answered 503 with
   * {@code Retry-After}. The room is given back when the call ends, however it ends.
   */
  private Mono<Void> receive(ServerWebExchange exchange, ServerHttpRequest request, WebhookRequest head,
      Screening screening, long declaredLength, Observation observation) {
    long reserved = declaredLength >= 0 ? declaredLength : receiver.maxBodyBytes();
    return Mono.fromCallable(() -> limits.budget().reserve(reserved, limits.budgetWait())) // empty: no room in time
        .subscribeOn(blocking)
        .doOnDiscard(BodyBudget.Lease.class, BodyBudget.Lease::close) // reserved as the call was cancelled
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(lease -> lease.isEmpty() ? busy(exchange, request)
            : readAndReceive(exchange, request, head, screening, observation).doFinally(signal -> lease.get().close()));
  }

  private Mono<Void> busy(ServerWebExchange exchange, ServerHttpRequest request) {
    LOGGER.log(Level.WARNING, "Refused webhook call {0} {1}: no room for its body in the memory budget in time",
        request.getMethod(), request.getPath());
    return write(exchange, WebhookOutcome.memoryBudgetExhausted(), true);
  }

  /** Reads the body without blocking, bounded in size and time, and passes it to the receiver. */
  private Mono<Void> readAndReceive(ServerWebExchange exchange, ServerHttpRequest request, WebhookRequest head,
      Screening screening, Observation observation) {
    return ReactiveBody.read(request.getBody(), receiver.maxBodyBytes(), limits.deadlineFromNow())
        .flatMap(body -> Mono.fromCallable(() -> observation.scoped(() -> receiver.receive(screening, body)))
            .subscribeOn(blocking))
        .flatMap(outcome -> write(exchange, outcome, false))
        // the receiver's own refusal by size, which it gives before any signature check
        .onErrorResume(ReactiveBody.TooLarge.class, tooLarge ->
            write(exchange, receiver.screen(head, receiver.maxBodyBytes() + 1).refusal().orElseThrow(), true))
        .onErrorResume(ReactiveBody.TooSlow.class, tooSlow -> {
          LOGGER.log(Level.INFO, "Refused webhook call {0} {1}: {2}", request.getMethod(), request.getPath(),
              tooSlow.getMessage());
          return write(exchange, WebhookOutcome.bodyTimeout(), true);
        })
        .onErrorResume(ReactiveBody::isUnreadable, unreadable -> {
          LOGGER.log(Level.INFO, "Refused webhook call {0} {1}: body could not be read: {2}",
              request.getMethod(), request.getPath(), unreadable.toString());
          return write(exchange, WebhookOutcome.bodyUnreadable(), true);
        });
  }

  /** Method, raw request target (path and query exactly as received), every header value and the peer. */
  private static WebhookRequest head(ServerHttpRequest request) {
    String query = request.getURI().getRawQuery();
    String target = request.getURI().getRawPath();
    WebhookRequest.Builder builder = WebhookRequest.builder()
        .method(request.getMethod().name())
        .target(query == null ? target : target + "?" + query);
    request.getHeaders().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote != null && remote.getAddress() != null) {
      builder.remoteAddress(remote.getAddress().getHostAddress());
    }
    return builder.build();
  }

  private static boolean hasBody(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    String transferEncoding = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
    return headers.getContentLength() > 0 || (transferEncoding != null && transferEncoding.contains("chunked"));
  }

  /** Writes the outcome; a body left unread closes the connection after the answer, as the servlet filter does. */
  private static Mono<Void> write(ServerWebExchange exchange, WebhookOutcome outcome, boolean bodyLeftUnread) {
    exchange.getAttributes().put(OUTCOME_ATTRIBUTE, outcome);
    ServerHttpResponse response = exchange.getResponse();
    byte[] message = outcome.message().getBytes(StandardCharsets.UTF_8);
    response.setStatusCode(HttpStatusCode.valueOf(outcome.status()));
    HttpHeaders headers = response.getHeaders();
    outcome.headers().forEach(headers::set);
    if (bodyLeftUnread) {
      headers.set(HttpHeaders.CONNECTION, "close");
    }
    headers.setContentType(TEXT);
    headers.setContentLength(message.length);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(message)));
  }
}
