package io.github.copernicawebhooks.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

class CopernicaWebhooksModuleTest {

  private static final String UPDATE =
      "type=update&profile=4711&database=7&timestamp=2024-01-31+23:59:00&fields[email]=a@example.nl&interests[]=news";

  @Test
  void givesAnApplicationsOwnMapperTheJsonOfWebhookEvents() throws Exception {
    JsonMapper mapper = JsonMapper.builder().addModule(new CopernicaWebhooksModule()).build();
    WebhookEvent event = WebhookParser.create().parse(UPDATE);

    String json = mapper.writeValueAsString(event);

    assertThat(json).isEqualTo(WebhookEvents.toJson(event)).startsWith("{\"event\":\"ProfileUpdated\"")
        .contains("\"fields\":{\"email\":\"a@example.nl\"}");
    assertThat(mapper.readValue(json, WebhookEvent.class)).isEqualTo(event);
    assertThat(mapper.readValue(json, ProfileUpdated.class)).isEqualTo(event);
  }

  @Test
  void namesEveryEventRecordOfTheSealedHierarchyBySimpleName() {
    assertThat(CopernicaWebhooksModule.namedEventTypes()).extracting(NamedType::getName).hasSize(14)
        .contains("ProfileCreated", "SubprofileDeleted", "EmailClicked", "ComplaintReceived", "UnknownEvent")
        .doesNotHaveDuplicates();
    assertThat(CopernicaWebhooksModule.namedEventTypes())
        .allSatisfy(type -> assertThat(type.getName()).isEqualTo(type.getType().getSimpleName()));
  }

  @Test
  void leavesTheEventTypesFreeOfJacksonAnnotations() {
    Stream<Class<?>> types = Stream.concat(Stream.of(WebhookEvent.class, io.github.copernicawebhooks.event.Variables.class),
        CopernicaWebhooksModule.namedEventTypes().stream().map(NamedType::getType));
    types.forEach(type -> {
      Stream<Annotation> annotations = Stream.concat(Arrays.stream(type.getAnnotations()),
          Arrays.stream(type.getDeclaredMethods()).flatMap(method -> Arrays.stream(method.getAnnotations())));
      assertThat(annotations).as(type.getSimpleName())
          .noneMatch(annotation -> annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson"));
    });
  }
}
