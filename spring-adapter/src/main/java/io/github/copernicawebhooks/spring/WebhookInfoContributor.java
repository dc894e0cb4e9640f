package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * The {@code copernicaWebhooks} entry of Actuator's {@code /actuator/info}: the SDK version, the endpoint,
 * which modes are on and the provider that verifies signatures. Nothing secret: no account ids, no keys.
 */
final class WebhookInfoContributor implements InfoContributor {

  static final String VERSION = version();

  private final WebhookReceiver receiver;
  private final CopernicaWebhooksProperties properties;
  private final HandlerMethodDispatcher dispatcher;
  private final @Nullable WebhookKeys keys;
  private final String web;
  private final boolean deduplicates;

  WebhookInfoContributor(WebhookReceiver receiver, CopernicaWebhooksProperties properties,
      HandlerMethodDispatcher dispatcher, @Nullable WebhookKeys keys, String web, boolean deduplicates) {
    this.receiver = receiver;
    this.properties = properties;
    this.dispatcher = dispatcher;
    this.keys = keys;
    this.web = web;
    this.deduplicates = deduplicates;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", VERSION);
    details.put("path", properties.path());
    details.put("web", web);
    details.put("signature", receiver.verifiesSignatures() ? "required" : "off");
    receiver.signatureProvider().ifPresent(provider -> details.put("signatureProvider", provider));
    if (keys != null) {
      details.put("keys", keys.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    details.put("async", receiver.isAsync());
    details.put("inbox", receiver.inbox().isPresent());
    details.put("deduplication", deduplicates);
    details.put("applicationEvents", dispatcher.publishesApplicationEvents());
    details.put("handlers", dispatcher.handlerNames());
    builder.withDetail("copernicaWebhooks", details);
  }

  /** The version the build wrote into {@code version.properties} beside this class. */
  private static String version() {
    try (InputStream in = WebhookInfoContributor.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties version = new Properties();
      version.load(in);
      return version.getProperty("version", "unknown");
    } catch (IOException unreadable) {
      return "unknown";
    }
  }
}
