package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import io.github.copernicawebhooks.servlet.CopernicaWebhookConsoleServlet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the web console at {@code copernica.webhooks.console.path}, off unless
 * {@code copernica.webhooks.console.enabled=true}: a {@link RecentCalls} that the auto-configured
 * {@link WebhookReceiver} reports every call to, a {@link WebhookConsole} over them and the receiver's
 * inbox, and its {@link CopernicaWebhookConsoleServlet}.
 *
 * <p>Secure by default. With Spring Security on the class path the console answers only users in the role
 * {@code copernica.webhooks.console.role} (default {@value WebhookConsole#DEFAULT_ROLE}), whom the
 * application's own security authenticates; like Boot's H2 console and actuator endpoints, no
 * {@code SecurityFilterChain} is added, so the application's rules stay the only ones. Without Spring
 * Security it answers only local clients (a loopback peer), or the addresses in
 * {@code copernica.webhooks.console.allowed-addresses}, unless {@code copernica.webhooks.console.allow-remote=true}.
 * Those modes decide on the connection's real peer: where something replaces it with an address from a proxy
 * header ({@code server.forward-headers-strategy} native or framework, Boot's cloud platform detection, a
 * {@code ForwardedHeaderFilter} bean) the console refuses to start and says what to do instead.
 */
@AutoConfiguration(after = CopernicaWebhooksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(CopernicaWebhookConsoleServlet.class)
@ConditionalOnProperty(prefix = "copernica.webhooks.console", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(CopernicaWebhooksConsoleProperties.class)
public class CopernicaWebhooksConsoleAutoConfiguration {

  /** The class whose presence means that the application's Spring Security protects the console. */
  static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";

  /** The receiver reports to it when it is auto-configured; a receiver of the application's own must be given it. */
  @Bean
  @ConditionalOnMissingBean
  RecentCalls copernicaWebhookRecentCalls(CopernicaWebhooksConsoleProperties properties) {
    return RecentCalls.builder().capacity(properties.recentCalls()).build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(WebhookReceiver.class)
  WebhookConsole copernicaWebhookConsole(WebhookReceiver receiver, ObjectProvider<RecentCalls> recentCalls,
      CopernicaWebhooksProperties webhooks, CopernicaWebhooksConsoleProperties properties, Environment environment,
      ListableBeanFactory beans) {
    WebhookConsole.Builder console = WebhookConsole.builder(receiver)
        .maskValues(properties.maskValues())
        .allowRemote(properties.allowRemote())
        .allowedAddresses(properties.allowedAddresses())
        .trustedProxies(properties.trustedProxies())
        .parser(WebhookReceiverFactory.parser(webhooks));
    String publicUrl = properties.publicUrl();
    if (publicUrl != null) {
      console.publicUrl(publicUrl);
    }
    recentCalls.ifAvailable(console::recentCalls);
    if (isSpringSecurityPresent()) {
      console.role(properties.role());
    }
    WebhookConsole built = console.build();
    refuseARewrittenPeer(built, environment, beans);
    return built;
  }

  /** An address-based console behind a rewrite of the peer would believe any client's X-Forwarded-For. */
  private static void refuseARewrittenPeer(WebhookConsole console, Environment environment, ListableBeanFactory beans) {
    if (!console.decidesOnAddress()) {
      return;
    }
    ContainerPeerRewrite.find(environment, beans).ifPresent(rewrite -> {
      throw new WebhookConfigurationException(
          "The Copernica webhook console answers only local clients or copernica.webhooks.console.allowed-addresses,"
              + " but " + rewrite + " replaces the client's address with one taken from a proxy header, which any"
              + " client can send.",
          "Put Spring Security on the class path, so that the console answers only users in the role"
              + " copernica.webhooks.console.role; or set " + ContainerPeerRewrite.STRATEGY + "=none, remove the"
              + " ForwardedHeaderFilter, list your proxies in copernica.webhooks.console.trusted-proxies and the"
              + " clients that may use the console in copernica.webhooks.console.allowed-addresses.");
    });
  }

  @Bean
  @ConditionalOnBean(WebhookConsole.class)
  @ConditionalOnMissingBean(value = CopernicaWebhookConsoleServlet.class, parameterizedContainer = ServletRegistrationBean.class)
  ServletRegistrationBean<CopernicaWebhookConsoleServlet> copernicaWebhookConsoleServlet(
      WebhookConsole console, CopernicaWebhooksConsoleProperties properties) {
    ServletRegistrationBean<CopernicaWebhookConsoleServlet> registration =
        new ServletRegistrationBean<>(new CopernicaWebhookConsoleServlet(console), properties.path() + "/*");
    registration.setName("copernicaWebhookConsole");
    return registration;
  }

  static boolean isSpringSecurityPresent() {
    return ClassUtils.isPresent(SPRING_SECURITY, CopernicaWebhooksConsoleAutoConfiguration.class.getClassLoader());
  }
}
