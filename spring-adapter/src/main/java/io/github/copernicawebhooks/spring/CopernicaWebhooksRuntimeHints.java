package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.event.Variables;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;

/**
 * What a native image needs that the SDK reaches by reflection or by name: the event records and
 * {@link Variables} as Jackson writes and reads them ({@code WebhookEvents.toJson/fromJson}), the start-up
 * probe of Jackson, the inbox schema scripts and the SDK version file, and the JDK's JNDI DNS provider
 * that the DNS key resolver loads by name. Handler methods get their hints from {@code @Reflective} on
 * {@link CopernicaWebhookHandler}; the types an application binds with {@code Variables.as(Class)} are
 * the application's to register ({@code @RegisterReflectionForBinding}).
 */
final class CopernicaWebhooksRuntimeHints implements RuntimeHintsRegistrar {

  static final String JNDI_DNS_PROVIDER = "com.sun.jndi.dns.DnsContextFactory";

  /** The annotations of the events' JSON, which {@code CopernicaWebhooksModule} reads from these classes. */
  static final List<String> MIXINS = List.of(
      "io.github.copernicawebhooks.jackson.WebhookEventMixin", "io.github.copernicawebhooks.jackson.VariablesMixin");

  @Override
  public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
    BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
    binding.registerReflectionHints(hints.reflection(), bindingTypes().toArray(Class<?>[]::new));
    hints.reflection().registerType(Variables.class, MemberCategory.INVOKE_PUBLIC_METHODS);
    for (String mixin : MIXINS) {
      hints.reflection().registerTypeIfPresent(classLoader, mixin, MemberCategory.INVOKE_DECLARED_METHODS);
    }
    hints.reflection().registerTypeIfPresent(classLoader, JNDI_DNS_PROVIDER, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
    hints.resources().registerPattern("io/github/copernicawebhooks/inbox/schema-*.sql");
    hints.resources().registerPattern("io/github/copernicawebhooks/spring/version.properties");
  }

  /** The sealed event hierarchy, every interface and record of it, as JSON knows it, and the Jackson probe. */
  static List<Class<?>> bindingTypes() {
    List<Class<?>> types = new ArrayList<>();
    addHierarchy(WebhookEvent.class, types);
    types.add(JacksonCompatibility.Probe.class);
    return types;
  }

  private static void addHierarchy(Class<?> type, List<Class<?>> types) {
    types.add(type);
    if (type.isSealed()) {
      for (Class<?> subtype : type.getPermittedSubclasses()) {
        addHierarchy(subtype, types);
      }
    }
  }
}
