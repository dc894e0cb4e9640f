package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.console.RecentCalls;
import io.github.copernicawebhooks.console.WebhookConsole;
import io.github.copernicawebhooks.servlet.CopernicaWebhookConsoleServlet;
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
 * Security it answers only local clients unless {@code copernica.webhooks.console.allow-remote=true}.
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
      CopernicaWebhooksProperties webhooks, CopernicaWebhooksConsoleProperties properties) {
    WebhookConsole.Builder console = WebhookConsole.builder(receiver)
        .maskValues(properties.maskValues())
        .allowRemote(properties.allowRemote())
        .parser(WebhookReceiverFactory.parser(webhooks));
    recentCalls.ifAvailable(console::recentCalls);
    if (isSpringSecurityPresent()) {
      console.role(properties.role());
    }
    return console.build();
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
