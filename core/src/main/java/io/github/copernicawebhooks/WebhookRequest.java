package io.github.copernicawebhooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A webhook call as it arrived, independent of any web framework: method, request target, headers and
 * the raw body bytes. Verification works on exactly these bytes, never on re-encoded parameters.
 *
 * <pre>{@code
 * WebhookRequest request = WebhookRequest.builder()
 *     .method("POST").target("/webhooks/copernica")
 *     .header("Content-Type", "application/x-www-form-urlencoded")
 *     .body(bytes)
 *     .build();
 * }</pre>
 */
public final class WebhookRequest {

  private final String method;
  private final String target;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Optional<String> remoteAddress;
  private final Optional<String> deliveryId;

  private WebhookRequest(Builder builder) {
    this.method = builder.method;
    this.target = builder.target;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = builder.body;
    this.remoteAddress = Optional.ofNullable(builder.remoteAddress);
    this.deliveryId = Optional.ofNullable(builder.deliveryId);
  }

  private WebhookRequest(WebhookRequest head, byte[] body) {
    this.method = head.method;
    this.target = head.target;
    this.headers = head.headers;
    this.body = body;
    this.remoteAddress = head.remoteAddress;
    this.deliveryId = head.deliveryId;
  }

  /** A builder for a request; method defaults to {@code POST}, target to {@code /}, body to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This request with another body, sharing everything else (no copy of the headers): for adapters that
   * screen a call by its head before they read the body. The array is kept as it is, not copied.
   */
  public WebhookRequest withBody(byte[] body) {
    return new WebhookRequest(this, Objects.requireNonNull(body, "body"));
  }

  /** A builder holding everything of this request, to change a part of it. */
  public Builder toBuilder() {
    Builder builder = new Builder().method(method).target(target).body(body);
    headers.forEach((name, values) -> builder.headers.put(name, new ArrayList<>(values)));
    remoteAddress.ifPresent(builder::remoteAddress);
    deliveryId.ifPresent(builder::deliveryId);
    return builder;
  }

  /** The HTTP method, upper case as received (for example {@code POST}). */
  public String method() {
    return method;
  }

  /** The request target as the receiver saw it: path and, when present, {@code ?query}. */
  public String target() {
    return target;
  }

  /** The first value of a header, looked up case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a header in the order received, looked up case-insensitively; empty when absent. */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The names of all headers, lower case. */
  public Set<String> headerNames() {
    return headers.keySet();
  }

  /** The {@code Content-Type} header, if any. */
  public Optional<String> contentType() {
    return header("Content-Type");
  }

  /**
   * The raw body bytes exactly as received. The array is shared, not copied, because it is read on the
   * hot path: do not modify it.
   */
  public byte[] body() {
    return body;
  }

  /** The address of the peer that sent the request, when the adapter knows it. */
  public Optional<String> remoteAddress() {
    return remoteAddress;
  }

  /**
   * The stable id of this delivery, on the requests that inbox workers give to listeners: the inbox row id,
   * the same for every attempt and re-delivery of one stored call, so that handlers can be idempotent.
   * Empty in synchronous and asynchronous mode.
   */
  public Optional<String> deliveryId() {
    return deliveryId;
  }

  @Override
  public String toString() {
    return method + " " + target + " (" + body.length + " bytes)";
  }

  /** Builds a {@link WebhookRequest}. */
  public static final class Builder {
    private String method = "POST";
    private String target = "/";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private @org.jspecify.annotations.Nullable String remoteAddress;
    private @org.jspecify.annotations.Nullable String deliveryId;

    private Builder() {}

    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** The path and query as received, for example {@code /webhooks/copernica?source=x}. */
    public Builder target(String target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** Adds one value of a header; a header may have several. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>(1))
          .add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Replaces every value of a header with this one. */
    public Builder setHeader(String name, String value) {
      removeHeader(name);
      return header(name, value);
    }

    public Builder removeHeader(String name) {
      headers.remove(name.toLowerCase(Locale.ROOT));
      return this;
    }

    /** The raw body; the array is kept as it is, not copied. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
      return this;
    }

    /** The stable delivery id, set by the inbox on the requests its workers hand to listeners. */
    public Builder deliveryId(String deliveryId) {
      this.deliveryId = Objects.requireNonNull(deliveryId, "deliveryId");
      return this;
    }

    public WebhookRequest build() {
      return new WebhookRequest(this);
    }
  }
}
