package io.github.copernicawebhooks.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Makes webhook bodies exactly as Copernica sends them, for tests: PHP's {@code http_build_query} form
 * encoding ({@code +} for a space, {@code %5B}/{@code %5D} for brackets, every other byte outside
 * {@code A-Z a-z 0-9 - _ .} percent-encoded in upper case), or the "decoded" JSON shape.
 *
 * <pre>{@code
 * String body = WebhookBodies.profileUpdated()
 *     .profile(4711).database(12)
 *     .field("email", "jan@example.nl").interest("sport")
 *     .encode();
 * ProfileUpdated event = (ProfileUpdated) WebhookParser.create().parse(body);
 * }</pre>
 *
 * <p>Unless set, the profile and subprofile ids are 1 and the timestamp is {@link WebhookBodyBuilder#DEFAULT_TIMESTAMP}.
 */
public final class WebhookBodies {

  /** The content type of {@link WebhookBodyBuilder#encode()}. */
  public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
  /** The content type of {@link WebhookBodyBuilder#encodeJson()}. */
  public static final String JSON_CONTENT_TYPE = "application/json";

  private WebhookBodies() {}

  /** A profile create ({@code type=create}). */
  public static WebhookBodyBuilder profileCreated() {
    return new WebhookBodyBuilder("create", false);
  }

  /** A profile update ({@code type=update}). */
  public static WebhookBodyBuilder profileUpdated() {
    return new WebhookBodyBuilder("update", false);
  }

  /** A profile delete ({@code type=delete}). */
  public static WebhookBodyBuilder profileDeleted() {
    return new WebhookBodyBuilder("delete", false);
  }

  /** A subprofile create ({@code type=create} with {@code subprofile} and {@code collection}). */
  public static WebhookBodyBuilder subprofileCreated() {
    return new WebhookBodyBuilder("create", true);
  }

  /** A subprofile update. */
  public static WebhookBodyBuilder subprofileUpdated() {
    return new WebhookBodyBuilder("update", true);
  }

  /** A subprofile delete. */
  public static WebhookBodyBuilder subprofileDeleted() {
    return new WebhookBodyBuilder("delete", true);
  }

  /** A click on a link in a message ({@code type=click}). */
  public static EmailBodyBuilder emailClicked() {
    return new EmailBodyBuilder("click");
  }

  /** An opened message ({@code type=open}). */
  public static EmailBodyBuilder emailOpened() {
    return new EmailBodyBuilder("open");
  }

  /** A delivered message ({@code type=delivery}). */
  public static EmailBodyBuilder emailDelivered() {
    return new EmailBodyBuilder("delivery");
  }

  /** A failed delivery ({@code type=failure}); set the failure's own {@code action} with {@link EmailBodyBuilder#action}. */
  public static EmailBodyBuilder emailFailed() {
    return new EmailBodyBuilder("failure");
  }

  /** A message that came back to the envelope address ({@code type=bounce}). */
  public static EmailBodyBuilder emailBounced() {
    return new EmailBodyBuilder("bounce");
  }

  /** An unsubscribe through a message ({@code type=unsubscribe}). */
  public static EmailBodyBuilder unsubscribed() {
    return new EmailBodyBuilder("unsubscribe");
  }

  /** A spam complaint ({@code type=complaint}). */
  public static EmailBodyBuilder complaintReceived() {
    return new EmailBodyBuilder("complaint");
  }

  /** An email event of any type value, for example {@code abuse} for a complaint. */
  public static EmailBodyBuilder emailEvent(String type) {
    return new EmailBodyBuilder(type);
  }

  /** A call of any type, for example {@code survey} or a future type; add its variables with {@link WebhookBodyBuilder#variable}. */
  public static WebhookBodyBuilder ofType(String type) {
    return new WebhookBodyBuilder(type, false).withoutProfile();
  }

  /**
   * The form body of the given variables in order, each value of a name in turn; {@code encode(event.raw())}
   * gives a body that parses to an equal event.
   */
  public static String encode(Map<String, List<String>> variables) {
    StringBuilder body = new StringBuilder();
    variables.forEach((name, values) -> {
      for (String value : values) {
        append(body, name, value);
      }
    });
    return body.toString();
  }

  /** Appends {@code name=value} (with a leading {@code &} when needed), encoded as PHP's urlencode does. */
  static void append(StringBuilder body, String name, String value) {
    if (body.length() > 0) {
      body.append('&');
    }
    urlEncode(body, name);
    body.append('=');
    urlEncode(body, value);
  }

  /** PHP's {@code urlencode}: the UTF-8 bytes, {@code +} for space, upper-case escapes. */
  static void urlEncode(StringBuilder out, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.';
  }
}
