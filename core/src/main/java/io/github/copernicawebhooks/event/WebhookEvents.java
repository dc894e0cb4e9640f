package io.github.copernicawebhooks.event;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import tools.jackson.core.JacksonException;

/**
 * Events as JSON and back, losslessly, for logs and queues. The JSON holds every record component and the
 * Java type in {@code "event"}:
 *
 * <pre>{@code
 * String json = WebhookEvents.toJson(event);   // {"event":"ProfileUpdated","type":"update","profileId":4711,...}
 * WebhookEvent same = WebhookEvents.fromJson(json);
 * }</pre>
 *
 * <p>An application's own Jackson 3 mapper writes and reads the same JSON once it has the module
 * {@link io.github.copernicawebhooks.jackson.CopernicaWebhooksModule} (the Spring Boot starter registers it):
 * the event types carry no Jackson annotations.
 */
public final class WebhookEvents {

  private WebhookEvents() {}

  /** The event as a JSON object. */
  public static String toJson(WebhookEvent event) {
    return EventJson.MAPPER.writeValueAsString(event);
  }

  /**
   * The event written by {@link #toJson}.
   *
   * @throws WebhookException with {@link Reason#MALFORMED_BODY} when the text is not such an event
   */
  public static WebhookEvent fromJson(String json) {
    try {
      return EventJson.MAPPER.readValue(json, WebhookEvent.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new WebhookException(Reason.MALFORMED_BODY, "not a webhook event as JSON: " + e.getMessage(), e);
    }
  }
}
