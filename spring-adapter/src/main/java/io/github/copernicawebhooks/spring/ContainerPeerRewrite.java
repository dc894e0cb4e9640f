package io.github.copernicawebhooks.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * What in this application replaces a request's peer address with one taken from a proxy header: Spring's
 * {@code ForwardedHeaderFilter} as a bean or a registration, {@code server.forward-headers-strategy}
 * {@code native} or {@code framework}, or, with that property unset, Boot's cloud platform detection, which
 * turns the container's own handling on (Tomcat's {@code RemoteIpValve}) on Kubernetes, Cloud Foundry,
 * Heroku, Azure App Service and ECS alike.
 */
final class ContainerPeerRewrite {

  static final String STRATEGY = "server.forward-headers-strategy";
  private static final String FORWARDED_HEADER_FILTER = "org.springframework.web.filter.ForwardedHeaderFilter";

  private ContainerPeerRewrite() {}

  static Optional<String> find(Environment environment, ListableBeanFactory beans) {
    BindResult<String> bound = Binder.get(environment).bind(STRATEGY, String.class);
    Optional<String> strategy = bound.isBound()
        ? Optional.of(bound.get().trim().toLowerCase(Locale.ROOT).replace('_', '-'))
        : Optional.empty();
    if (strategy.isPresent() && !strategy.get().equals("none")) {
      return Optional.of(STRATEGY + "=" + strategy.get());
    }
    if (strategy.isEmpty()) {
      CloudPlatform platform = CloudPlatform.getActive(environment);
      if (platform != null && platform.isUsingForwardHeaders()) {
        return Optional.of("Spring Boot's detection of " + platform + ", which turns the container's forwarded-header"
            + " handling on while " + STRATEGY + " is not set,");
      }
    }
    List<String> filters = forwardedHeaderFilters(beans);
    return filters.isEmpty() ? Optional.empty() : Optional.of("Spring's ForwardedHeaderFilter (bean " + filters + ")");
  }

  private static List<String> forwardedHeaderFilters(ListableBeanFactory beans) {
    ClassLoader loader = ContainerPeerRewrite.class.getClassLoader();
    if (!ClassUtils.isPresent(FORWARDED_HEADER_FILTER, loader)) {
      return List.of();
    }
    Class<?> filter = ClassUtils.resolveClassName(FORWARDED_HEADER_FILTER, loader);
    List<String> names = new ArrayList<>(List.of(beans.getBeanNamesForType(filter, true, false)));
    names.addAll(List.of(beans.getBeanNamesForType(
        ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, filter), true, false)));
    return names;
  }
}
