package io.github.copernicawebhooks.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Turns the SDK's start-up failures into Boot's "APPLICATION FAILED TO START ... Description ... Action"
 * report: a missing account id, a {@code copernica.webhooks.*} value that its properties refuse, a
 * handler method that cannot be called, a Jackson that is too old, a servlet-only setting in a reactive
 * application. Other failures are left to Boot's own analyzers. Registered in {@code META-INF/spring.factories}.
 */
final class CopernicaWebhooksFailureAnalyzer implements FailureAnalyzer, Ordered {

  private static final String PREFIX = "copernica.webhooks";

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    WebhookConfigurationException configuration = find(failure, WebhookConfigurationException.class);
    if (configuration != null) {
      return new FailureAnalysis(configuration.getMessage(), configuration.action(), failure);
    }
    BindException binding = find(failure, BindException.class);
    if (binding != null && binding.getName().toString().startsWith(PREFIX)) {
      return refusedValue(binding, failure);
    }
    return null;
  }

  /** Before Boot's generic bind analyzer, which would print the exception class instead of the rule. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** A value that a properties record refused in its constructor, with the rule in its message. */
  private static @Nullable FailureAnalysis refusedValue(BindException binding, Throwable failure) {
    Throwable refusal = binding.getCause();
    while (refusal != null && !(refusal instanceof IllegalArgumentException && isOurs(refusal.getMessage()))) {
      refusal = refusal.getCause();
    }
    if (refusal == null) {
      return null;
    }
    String message = String.valueOf(refusal.getMessage());
    String property = message.substring(0, message.indexOf(' '));
    return new FailureAnalysis(
        "Invalid Copernica webhooks configuration: " + message + ".",
        "Correct " + property + " in your configuration (application.properties or .yaml, an environment "
            + "variable or a command-line argument). The README's property table lists every copernica.webhooks "
            + "property with its default.",
        failure);
  }

  private static boolean isOurs(@Nullable String message) {
    return message != null && message.startsWith(PREFIX + ".") && message.indexOf(' ') > 0;
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        return null;
      }
    }
    return null;
  }
}
