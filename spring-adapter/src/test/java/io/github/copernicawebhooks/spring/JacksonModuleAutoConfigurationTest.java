package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.jackson.CopernicaWebhooksModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class JacksonModuleAutoConfigurationTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CopernicaWebhooksAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.signature.mode=off");

  @Test
  void givesBootsOwnMapperTheJsonOfWebhookEvents() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CopernicaWebhooksModule.class);
      JsonMapper mapper = context.getBean(JsonMapper.class);
      WebhookEvent event = WebhookParser.create().parse("type=update&profile=4711&timestamp=2024-01-31+23:59:00");

      String json = mapper.writeValueAsString(event);

      assertThat(json).isEqualTo(WebhookEvents.toJson(event)).startsWith("{\"event\":\"ProfileUpdated\"");
      assertThat(mapper.readValue(json, WebhookEvent.class)).isEqualTo(event);
    });
  }

  @Test
  void leavesAMapperWithoutTheStarterWithoutTheEventType() {
    new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
        .run(context -> {
          WebhookEvent event = WebhookParser.create().parse("type=update&profile=4711&timestamp=2024-01-31+23:59:00");
          assertThat(context.getBean(JsonMapper.class).writeValueAsString(event)).doesNotContain("\"event\":");
        });
  }
}
