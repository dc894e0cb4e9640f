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
 * Builds one webhook body; get one from {@link WebhookBodies}. Variables come out in Copernica's order:
 * type, ids, timestamp, time, id, parameters, fields, interests, created, modified, then the extra
 * variables in the order added. Not thread-safe.
 */
public final class WebhookBodyBuilder {

  /** The timestamp of a body that sets none. */
  public static final LocalDateTime DEFAULT_TIMESTAMP = LocalDateTime.of(2026, 1, 15, 10, 30, 0);

  private static final DateTimeFormatter COPERNICA_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String type;
  private final boolean subprofileEvent;
  private boolean sendType = true;
  private boolean sendAction;
  private @Nullable Long profile = 1L;
  private @Nullable Long subprofile;
  private @Nullable Long database;
  private @Nullable Long collection;
  private @Nullable Long id;
  private String timestamp = format(DEFAULT_TIMESTAMP);
  private @Nullable Long time;
  private @Nullable String created;
  private @Nullable String modified;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final List<String[]> interests = new ArrayList<>();
  private final List<String[]> extras = new ArrayList<>();

  WebhookBodyBuilder(String type, boolean subprofileEvent) {
    this.type = Objects.requireNonNull(type, "type");
    this.subprofileEvent = subprofileEvent;
    if (subprofileEvent) {
      subprofile = 1L;
    }
  }

  WebhookBodyBuilder withoutProfile() {
    profile = null;
    return this;
  }

  /** Sends the type as {@code action} instead of {@code type}, as older senders did. */
  public WebhookBodyBuilder asAction() {
    sendType = false;
    sendAction = true;
    return this;
  }

  /** Sends the type both as {@code type} and as {@code action}. */
  public WebhookBodyBuilder withTypeAndAction() {
    sendType = true;
    sendAction = true;
    return this;
  }

  /** The {@code profile} id (for a subprofile event: the owning profile). */
  public WebhookBodyBuilder profile(long profileId) {
    profile = profileId;
    return this;
  }

  /** The {@code subprofile} id; a body with one is a subprofile event. */
  public WebhookBodyBuilder subprofile(long subprofileId) {
    subprofile = subprofileId;
    return this;
  }

  /** The {@code database} id. */
  public WebhookBodyBuilder database(long databaseId) {
    database = databaseId;
    return this;
  }

  /** The {@code collection} id. */
  public WebhookBodyBuilder collection(long collectionId) {
    collection = collectionId;
    return this;
  }

  /** The undocumented extra {@code id} Copernica sends beside {@code profile}. */
  public WebhookBodyBuilder id(long value) {
    id = value;
    return this;
  }

  /** The {@code timestamp}, written as {@code YYYY-MM-DD HH:MM:SS}. */
  public WebhookBodyBuilder timestamp(LocalDateTime value) {
    timestamp = format(value);
    return this;
  }

  /** The {@code time} in Unix seconds. */
  public WebhookBodyBuilder time(Instant value) {
    time = value.getEpochSecond();
    return this;
  }

  /** The {@code created} date-time. */
  public WebhookBodyBuilder created(LocalDateTime value) {
    created = format(value);
    return this;
  }

  /** The {@code modified} date-time. */
  public WebhookBodyBuilder modified(LocalDateTime value) {
    modified = format(value);
    return this;
  }

  /** A field, as {@code fields[name]=value}. */
  public WebhookBodyBuilder field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  /** A parameter of the action, as {@code parameters[name]=value}. */
  public WebhookBodyBuilder parameter(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  /** An interest, as {@code interests[]=name} (the form of Copernica's example). */
  public WebhookBodyBuilder interest(String name) {
    interests.add(new String[] {"interests[]", name});
    return this;
  }

  /** An interest in a group, as {@code interests[group][]=name}. */
  public WebhookBodyBuilder interest(String group, String name) {
    interests.add(new String[] {"interests[" + group + "][]", name});
    return this;
  }

  /** An interest in the map form of the documentation, {@code interests[name]=1} (or {@code 0} when not set). */
  public WebhookBodyBuilder interestFlag(String name, boolean set) {
    interests.add(new String[] {"interests[" + name + "]", set ? "1" : "0"});
    return this;
  }

  /** Any other variable, by its full name ({@code tags}, {@code extra[key]}), after all the others. */
  public WebhookBodyBuilder variable(String name, String value) {
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
   * fields and parameters as objects, interests as an array of names (or an object of groups, or the
   * name-to-1/0 map). It parses to the same event as {@link #encode()} when the interests use one shape.
   */
  public String encodeJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    putType(json);
    putIfSet(json, "subprofile", subprofileEvent || subprofile != null ? subprofile : null);
    putIfSet(json, "profile", profile);
    putIfSet(json, "database", database);
    putIfSet(json, "collection", collection);
    json.put("timestamp", timestamp);
    putIfSet(json, "time", time);
    putIfSet(json, "id", id);
    putIfNotEmpty(json, "parameters", parameters);
    putIfNotEmpty(json, "fields", fields);
    if (!interests.isEmpty()) {
      json.put("interests", JsonInterests.of(interests));
    }
    putIfSet(json, "created", created);
    putIfSet(json, "modified", modified);
    for (String[] extra : extras) {
      json.put(extra[0], extra[1]);
    }
    return FormPairs.JSON.writeValueAsString(json);
  }

  private void putType(Map<String, Object> json) {
    if (sendType) {
      json.put("type", type);
    }
    if (sendAction) {
      json.put("action", type);
    }
  }

  private static void putIfSet(Map<String, Object> json, String name, @Nullable Object value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static void putIfNotEmpty(Map<String, Object> json, String name, Map<String, String> values) {
    if (!values.isEmpty()) {
      json.put(name, values);
    }
  }

  private List<String[]> pairs() {
    List<String[]> pairs = new ArrayList<>();
    if (sendType) {
      pairs.add(new String[] {"type", type});
    }
    if (sendAction) {
      pairs.add(new String[] {"action", type});
    }
    FormPairs.addIfSet(pairs, "subprofile", subprofile);
    FormPairs.addIfSet(pairs, "profile", profile);
    FormPairs.addIfSet(pairs, "database", database);
    FormPairs.addIfSet(pairs, "collection", collection);
    pairs.add(new String[] {"timestamp", timestamp});
    FormPairs.addIfSet(pairs, "time", time);
    FormPairs.addIfSet(pairs, "id", id);
    parameters.forEach((name, value) -> pairs.add(new String[] {"parameters[" + name + "]", value}));
    fields.forEach((name, value) -> pairs.add(new String[] {"fields[" + name + "]", value}));
    pairs.addAll(interests);
    FormPairs.addIfSet(pairs, "created", created);
    FormPairs.addIfSet(pairs, "modified", modified);
    pairs.addAll(extras);
    return pairs;
  }

  private static String format(LocalDateTime value) {
    return COPERNICA_FORMAT.format(value);
  }
}
