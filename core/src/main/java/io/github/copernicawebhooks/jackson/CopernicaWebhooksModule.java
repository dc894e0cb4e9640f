package io.github.copernicawebhooks.jackson;

import io.github.copernicawebhooks.event.Variables;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON shape of the events for a Jackson 3 mapper: every event carries its Java type in the property
 * {@code "event"} (for example {@code "event":"ProfileUpdated"}) beside its record components, and
 * {@link Variables} are a plain JSON object of strings. The event types themselves carry no Jackson
 * annotations; this module adds the mapping.
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(new CopernicaWebhooksModule()).build();
 * }</pre>
 */
public final class CopernicaWebhooksModule extends JacksonModule {

  private static final String NAME = "copernica-webhooks";

  private final SimpleModule mapping;

  /** The module; it holds no state, so one instance may serve any number of mappers. */
  public CopernicaWebhooksModule() {
    mapping = new SimpleModule(NAME, Version.unknownVersion())
        .setMixInAnnotation(WebhookEvent.class, WebhookEventMixin.class)
        .setMixInAnnotation(Variables.class, VariablesMixin.class)
        .registerSubtypes(namedEventTypes().toArray(NamedType[]::new));
  }

  @Override
  public String getModuleName() {
    return NAME;
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    mapping.setupModule(context);
  }

  /** Every event record, named by its simple class name, found from the sealed hierarchy itself. */
  static List<NamedType> namedEventTypes() {
    List<NamedType> types = new ArrayList<>();
    addRecords(WebhookEvent.class, types);
    return types;
  }

  private static void addRecords(Class<?> type, List<NamedType> types) {
    if (type.isRecord()) {
      types.add(new NamedType(type, type.getSimpleName()));
      return;
    }
    for (Class<?> subtype : type.getPermittedSubclasses()) {
      addRecords(subtype, types);
    }
  }
}
