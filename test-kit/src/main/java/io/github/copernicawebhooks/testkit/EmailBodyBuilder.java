package io.github.copernicawebhooks.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the body of one email event (click, open, delivery, failure, bounce, unsubscribe, complaint); get
 * one from {@link WebhookBodies}. Variables come out in the order of Copernica's pages: type, id, timestamp,
 * time, recipient, the event's own variables in the order set, tags, profile, mailing, database, then the
 * extra variables in the order added. Not thread-safe.
 *
 * <pre>{@code
 * String body = WebhookBodies.emailClicked()
 *     .messageId("m-1").recipient("jan@example.nl").url("https://example.nl/")
 *     .tags("news", "nl").encode();
 * }</pre>
 */
public final class EmailBodyBuilder {

  /** The message id of a body that sets none. */
  public static final String DEFAULT_MESSAGE_ID = "message-1";

  private static final DateTimeFormatter COPERNICA_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String type;
  private boolean sendType = true;
  private @Nullable String messageId = DEFAULT_MESSAGE_ID;
  private @Nullable String timestamp = COPERNICA_FORMAT.format(WebhookBodyBuilder.DEFAULT_TIMESTAMP);
  private @Nullable Long time;
  private @Nullable String recipient;
  private final Map<String, String> values = new LinkedHashMap<>();
  private @Nullable String tags;
  private @Nullable Long profile;
  private @Nullable Long mailing;
  private @Nullable Long database;
  private final List<String[]> extras = new ArrayList<>();

  EmailBodyBuilder(String type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** Leaves {@code type} out, so that only {@code action} (set with {@link #action}) names the event. */
  public EmailBodyBuilder withoutType() {
    sendType = false;
    return this;
  }

  /** The message id, sent as {@code id}. */
  public EmailBodyBuilder messageId(String value) {
    messageId = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Leaves {@code id} out. */
  public EmailBodyBuilder withoutMessageId() {
    messageId = null;
    return this;
  }

  /** The {@code timestamp}, written as {@code YYYY-MM-DD HH:MM:SS}. */
  public EmailBodyBuilder timestamp(LocalDateTime value) {
    timestamp = COPERNICA_FORMAT.format(value);
    return this;
  }

  /** Leaves {@code timestamp} out (Copernica's abuse reports carry no time). */
  public EmailBodyBuilder withoutTimestamp() {
    timestamp = null;
    return this;
  }

  /** The {@code time} in Unix seconds. */
  public EmailBodyBuilder time(Instant value) {
    time = value.getEpochSecond();
    return this;
  }

  /** The {@code recipient} address. */
  public EmailBodyBuilder recipient(String value) {
    recipient = Objects.requireNonNull(value, "value");
    return this;
  }

  /** The tags, sent as Copernica does: one {@code tags} variable, the names joined by commas. */
  public EmailBodyBuilder tags(String... names) {
    tags = String.join(",", names);
    return this;
  }

  /** The {@code profile} id. */
  public EmailBodyBuilder profile(long profileId) {
    profile = profileId;
    return this;
  }

  /** The {@code mailing} id. */
  public EmailBodyBuilder mailing(long mailingId) {
    mailing = mailingId;
    return this;
  }

  /** The {@code database} id (sent with unsubscribes). */
  public EmailBodyBuilder database(long databaseId) {
    database = databaseId;
    return this;
  }

  /** The client's {@code ip} (clicks and opens). */
  public EmailBodyBuilder ip(String value) {
    return value("ip", value);
  }

  /** The clicked link's {@code original} URL. */
  public EmailBodyBuilder url(String value) {
    return value("original", value);
  }

  /** The client's {@code useragent} (clicks and opens). */
  public EmailBodyBuilder userAgent(String value) {
    return value("useragent", value);
  }

  /** The client's {@code referer} (clicks and opens). */
  public EmailBodyBuilder referer(String value) {
    return value("referer", value);
  }

  /** A failure's {@code action}, such as {@code failed}. */
  public EmailBodyBuilder action(String value) {
    return value("action", value);
  }

  /** A failure's SMTP {@code state}. */
  public EmailBodyBuilder state(String value) {
    return value("state", value);
  }

  /** A failure's SMTP reply {@code code}. */
  public EmailBodyBuilder code(String value) {
    return value("code", value);
  }

  /** A failure's {@code extended} status code. */
  public EmailBodyBuilder extended(String value) {
    return value("extended", value);
  }

  /** A failure's {@code description}. */
  public EmailBodyBuilder description(String value) {
    return value("description", value);
  }

  /** A bounce's {@code envelope} address. */
  public EmailBodyBuilder envelope(String value) {
    return value("envelope", value);
  }

  /** The {@code mime} text: a bounced message or an abuse report. */
  public EmailBodyBuilder mime(String value) {
    return value("mime", value);
  }

  /** A complaint's {@code emailfrom} address. */
  public EmailBodyBuilder emailFrom(String value) {
    return value("emailfrom", value);
  }

  private EmailBodyBuilder value(String name, String value) {
    values.put(name, Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Any other variable, by its full name ({@code tags[]}, {@code subprofile}), after all the others. */
  public EmailBodyBuilder variable(String name, String value) {
    extras.add(new String[] {name, value});
    return this;
  }

  /** The variables in the order they are sent, each name with its values. */
  public Map<String, List<String>> variables() {
    return FormPairs.variables(pairs());
  }

  /** The form-urlencoded body, exactly as Copernica's PHP sends it. */
  public String encode() {
    return FormPairs.encode(pairs());
  }

  /** The form-urlencoded body as UTF-8 bytes. */
  public byte[] encodeBytes() {
    return encode().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The body as JSON in the "decoded" shape of Copernica's documentation: ids and {@code time} as numbers,
   * everything else as text. It parses to the same event as {@link #encode()} when no extra variable has
   * brackets in its name.
   */
  public String encodeJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    for (String[] pair : pairs()) {
      json.put(pair[0], isNumber(pair[0]) ? (Object) Long.valueOf(pair[1]) : pair[1]);
    }
    return FormPairs.JSON.writeValueAsString(json);
  }

  private boolean isNumber(String name) {
    return (name.equals("time") && time != null) || (name.equals("profile") && profile != null)
        || (name.equals("mailing") && mailing != null) || (name.equals("database") && database != null);
  }

  private List<String[]> pairs() {
    List<String[]> pairs = new ArrayList<>();
    if (sendType) {
      pairs.add(new String[] {"type", type});
    }
    FormPairs.addIfSet(pairs, "id", messageId);
    FormPairs.addIfSet(pairs, "timestamp", timestamp);
    FormPairs.addIfSet(pairs, "time", time);
    FormPairs.addIfSet(pairs, "recipient", recipient);
    values.forEach((name, value) -> pairs.add(new String[] {name, value}));
    FormPairs.addIfSet(pairs, "tags", tags);
    FormPairs.addIfSet(pairs, "profile", profile);
    FormPairs.addIfSet(pairs, "mailing", mailing);
    FormPairs.addIfSet(pairs, "database", database);
    pairs.addAll(extras);
    return pairs;
  }
}
