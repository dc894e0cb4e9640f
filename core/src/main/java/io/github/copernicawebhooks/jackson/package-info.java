/**
 * The Jackson 3 mapping of the events, kept out of the event types: register {@link CopernicaWebhooksModule}
 * on your own mapper to write and read events as {@link io.github.copernicawebhooks.event.WebhookEvents} does.
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(new CopernicaWebhooksModule()).build();
 * String json = mapper.writeValueAsString(event);          // {"event":"ProfileUpdated","type":"update",...}
 * WebhookEvent same = mapper.readValue(json, WebhookEvent.class);
 * }</pre>
 *
 * <p>The Spring Boot starter registers the module as a bean, so Boot's own mapper picks it up.
 */
@NullMarked
package io.github.copernicawebhooks.jackson;

import org.jspecify.annotations.NullMarked;
