package io.github.copernicawebhooks.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.env.Environment;

/**
 * Keeps {@link InboxBacklogHealthIndicator} out of the main health and of every group that does not name it
 * in its {@code include}, and adds the group {@value #GROUP} of it alone (unless the application defines a
 * group of that name). Run before Boot adds the liveness and readiness groups, which therefore hold only what
 * they always hold.
 */
final class InboxHealthGroups implements HealthEndpointGroupsPostProcessor {

  static final String GROUP = "copernica-webhooks-inbox";

  private static final String MEMBER = InboxBacklogHealthIndicator.NAME;

  private final Environment environment;

  InboxHealthGroups(Environment environment) {
    this.environment = environment;
  }

  @Override
  public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
    HealthEndpointGroup primary = groups.getPrimary();
    Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
    for (String name : groups.getNames()) {
      HealthEndpointGroup group = Objects.requireNonNull(groups.get(name), name);
      named.put(name, namesMember(name) ? group : new Members(group, withoutMember(group), group.getAdditionalPath()));
    }
    named.putIfAbsent(GROUP, new Members(primary, MEMBER::equals, null));
    return new Groups(new Members(primary, withoutMember(primary), primary.getAdditionalPath()), named);
  }

  private boolean namesMember(String group) {
    return Binder.get(environment).bind("management.endpoint.health.group." + group + ".include",
        Bindable.setOf(String.class)).orElse(Set.of()).contains(MEMBER);
  }

  private static Predicate<String> withoutMember(HealthEndpointGroup group) {
    return name -> !MEMBER.equals(name) && group.isMember(name);
  }

  /** The groups, with the additional paths (such as {@code /livez}) that Boot maps for them, as Boot's own do. */
  private record Groups(HealthEndpointGroup primary, Map<String, HealthEndpointGroup> named)
      implements HealthEndpointGroups, AdditionalPathsMapper {

    @Override
    public HealthEndpointGroup getPrimary() {
      return primary;
    }

    @Override
    public Set<String> getNames() {
      return named.keySet();
    }

    @Override
    public @Nullable HealthEndpointGroup get(String name) {
      return named.get(name);
    }

    @Override
    public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace namespace) {
      if (!HealthEndpoint.ID.equals(endpointId)) {
        return null;
      }
      return getAllWithAdditionalPath(namespace).stream()
          .map(group -> Objects.requireNonNull(group.getAdditionalPath()).getValue()).toList();
    }
  }

  /** A group with the settings of another and members of its own. */
  private record Members(HealthEndpointGroup settings, Predicate<String> members,
      @Nullable AdditionalHealthEndpointPath additionalPath) implements HealthEndpointGroup {

    @Override
    public boolean isMember(String name) {
      return members.test(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return settings.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return settings.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return settings.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return settings.getHttpCodeStatusMapper();
    }

    @Override
    public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
      return additionalPath;
    }
  }
}
