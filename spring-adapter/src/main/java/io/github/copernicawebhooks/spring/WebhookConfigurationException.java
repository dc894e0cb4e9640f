package io.github.copernicawebhooks.spring;

/**
 * A configuration that cannot work, found at start-up: it names what is wrong and, separately, what to do
 * about it, which {@link CopernicaWebhooksFailureAnalyzer} prints as Boot's "Action".
 */
final class WebhookConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String action;

  WebhookConfigurationException(String description, String action) {
    super(description);
    this.action = action;
  }

  WebhookConfigurationException(String description, String action, Throwable cause) {
    super(description, cause);
    this.action = action;
  }

  /** What the developer should change, in one or two sentences. */
  String action() {
    return action;
  }
}
