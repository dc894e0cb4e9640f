package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.ComplaintReceived;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.Variables;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/** The hints a native image needs, checked with Spring's RuntimeHintsPredicates. */
class RuntimeHintsTest {

  private final RuntimeHints hints = new RuntimeHints();

  RuntimeHintsTest() {
    new CopernicaWebhooksRuntimeHints().registerHints(hints, getClass().getClassLoader());
  }

  @Test
  void registersEveryEventRecordOfTheJsonMappingForBinding() {
    List<Class<?>> records = recordsOf(WebhookEvent.class);
    assertThat(records).hasSizeGreaterThanOrEqualTo(14);
    for (Class<?> record : records) {
      assertThat(RuntimeHintsPredicates.reflection().onType(record)).as(record.getName()).accepts(hints);
      assertThat(invocable(record, "raw")).as(record.getName()).accepts(hints);
    }
    assertThat(CopernicaWebhooksRuntimeHints.bindingTypes()).contains(ProfileUpdated.class, ComplaintReceived.class,
        UnknownEvent.class, WebhookEvent.class, SubprofileEvent.class).hasSize(records.size() + 5);
    assertThat(invocable(ProfileUpdated.class, "profileId")).accepts(hints);
    assertThat(invocable(Variables.class, "of")).accepts(hints);
    assertThat(invocable(Variables.class, "asMap")).accepts(hints);
    for (String mixin : CopernicaWebhooksRuntimeHints.MIXINS) {
      assertThat(RuntimeHintsPredicates.reflection().onType(org.springframework.aot.hint.TypeReference.of(mixin)))
          .as(mixin).accepts(hints);
    }
  }

  @Test
  void registersTheResourcesAndTheClassesTheSdkLoadsByName() {
    assertThat(RuntimeHintsPredicates.resource().forResource("io/github/copernicawebhooks/inbox/schema-postgresql.sql"))
        .accepts(hints);
    assertThat(RuntimeHintsPredicates.resource().forResource("io/github/copernicawebhooks/spring/version.properties"))
        .accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onType(
        org.springframework.aot.hint.TypeReference.of(CopernicaWebhooksRuntimeHints.JNDI_DNS_PROVIDER))).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onType(JacksonCompatibility.Probe.class)).accepts(hints);
  }

  @Test
  void handlerMethodsAreReflectiveLikeEventListeners() {
    RuntimeHints reflective = new RuntimeHints();
    new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(reflective, Handlers.class);

    assertThat(invocable(Handlers.class, "onUpdate")).accepts(reflective);
    assertThat(invocable(Handlers.class, "notAHandler")).rejects(reflective);
  }

  /** Spring 6.2 (Boot 3.5) and 7 both have this form; 7 prefers onMethodInvocation. */
  @SuppressWarnings("deprecation")
  private static Predicate<RuntimeHints> invocable(Class<?> type, String method) {
    return RuntimeHintsPredicates.reflection().onMethod(type, method).invoke();
  }

  /** Every record of a sealed hierarchy, found by walking its permitted subclasses. */
  private static List<Class<?>> recordsOf(Class<?> sealed) {
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> subtype : sealed.getPermittedSubclasses()) {
      if (subtype.isRecord()) {
        records.add(subtype);
      } else {
        records.addAll(recordsOf(subtype));
      }
    }
    return records;
  }

  static class Handlers {
    @CopernicaWebhookHandler
    void onUpdate(ProfileUpdated update) {}

    void notAHandler(ProfileUpdated update) {}
  }
}
