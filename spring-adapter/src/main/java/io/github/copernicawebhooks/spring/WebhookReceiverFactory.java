package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureProvider;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.spring.CopernicaWebhooksProperties.SignatureMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/** Builds the receiver, its parser, its verifier and the filter from {@link CopernicaWebhooksProperties}. */
final class WebhookReceiverFactory {

  static final String MISSING_ACCOUNT_ID =
      "copernica.webhooks.account-ids is not set: name the Copernica account id(s) whose calls this "
          + "application accepts (the X-Copernica-ID header, for example account_1234). Signature "
          + "verification (copernica.webhooks.signature.mode=required, the default) needs it; "
          + "copernica.webhooks.signature.mode=off accepts unsigned calls and is for local experiments only.";

  static final String MISSING_ACCOUNT_ID_ACTION =
      "Set copernica.webhooks.account-ids to your Copernica account id, for example "
          + "copernica.webhooks.account-ids=account_1234 in application.properties or "
          + "COPERNICA_WEBHOOKS_ACCOUNT_IDS=account_1234 in the environment. Copernica sends it in the "
          + "X-Copernica-ID header of every call.";

  static final String UNUSABLE_PROVIDER_ACTION =
      "Add software.amazon.cryptools:AmazonCorrettoCryptoProvider with the classifier of the platform you run on "
          + "(linux-x86_64 or linux-aarch_64), or set copernica.webhooks.signature.provider=auto to fall back to the "
          + "JDK's provider where ACCP cannot load.";

  private WebhookReceiverFactory() {}

  /** The receiver's builder, configured; the caller may add an observer before it builds it. */
  static WebhookReceiver.Builder builder(
      CopernicaWebhooksProperties properties, WebhookListener listener, @Nullable SignatureVerifier verifier,
      @Nullable EventDeduplicator deduplicator, @Nullable InboxSettings inbox) {
    WebhookReceiver.Builder builder = WebhookReceiver.builder().parser(parser(properties)).listener(listener);
    if (inbox != null) {
      checkInboxAlone(properties, deduplicator);
      builder.inbox(inbox);
    } else {
      resilience(builder, properties, deduplicator);
    }
    if (verifier != null) {
      builder.verifier(verifier);
    } else if (properties.signature().mode() == SignatureMode.OFF) {
      builder.signatureOff();
    } else {
      throw new IllegalStateException("no SignatureVerifier although copernica.webhooks.signature.mode=required");
    }
    return builder;
  }

  /** The inbox stores before answering and de-duplicates in its table: the in-memory modes would contradict it. */
  private static void checkInboxAlone(CopernicaWebhooksProperties properties, @Nullable EventDeduplicator shared) {
    if (properties.async().enabled()) {
      throw new IllegalStateException("copernica.webhooks.async.enabled=true cannot be combined with the inbox "
          + "(copernica.webhooks.inbox.enabled=true): the inbox answers once the call is stored and handles it on "
          + "its own workers; turn one of them off");
    }
    if (properties.deduplication().enabled() || shared != null) {
      throw new IllegalStateException("copernica.webhooks.deduplication (or an EventDeduplicator bean) cannot be "
          + "combined with the inbox (copernica.webhooks.inbox.enabled=true), which recognises duplicates in its "
          + "table, across every instance that shares the database; turn de-duplication off");
    }
  }

  /** Asynchronous handling and de-duplication, each off unless configured. */
  private static void resilience(
      WebhookReceiver.Builder builder, CopernicaWebhooksProperties properties, @Nullable EventDeduplicator shared) {
    CopernicaWebhooksProperties.Async async = properties.async();
    if (async.enabled()) {
      builder.async(async.threads(), async.queueCapacity()).shutdownTimeout(async.shutdownTimeout());
    }
    CopernicaWebhooksProperties.Deduplication deduplication = properties.deduplication();
    if (shared != null) {
      builder.deduplicate(shared);
    } else if (deduplication.enabled()) {
      builder.deduplicate(EventDeduplicator.inMemory(deduplication.window(), deduplication.capacity()));
    }
  }

  static WebhookParser parser(CopernicaWebhooksProperties properties) {
    return WebhookParser.create()
        .withZone(properties.timeZone())
        .withLimits(ParserLimits.DEFAULTS.withMaxBodyBytes(properties.maxBodySize().toBytes()));
  }

  /** The application's resolver when it has one, else the pinned key of {@code signature.public-key}, else DNS. */
  static WebhookKeys keys(CopernicaWebhooksProperties properties, @Nullable PublicKeyResolver resolver) {
    if (resolver != null) {
      return new WebhookKeys(resolver, WebhookKeys.Source.APPLICATION);
    }
    Resource pem = properties.signature().publicKey();
    return new WebhookKeys(keyResolver(pem), pem == null ? WebhookKeys.Source.DNS : WebhookKeys.Source.PUBLIC_KEY);
  }

  /** The filter with the body limits of the properties. */
  static CopernicaWebhookFilter filter(WebhookReceiver receiver, CopernicaWebhooksProperties properties) {
    CopernicaWebhookFilter.Builder filter = CopernicaWebhookFilter.builder(receiver)
        .bodyTimeout(properties.bodyTimeout())
        .minBodyBytesPerSecond(properties.minBodyRate().toBytes());
    if (properties.maxBufferedSize() != null) {
      filter.maxBufferedBytes(properties.maxBufferedSize().toBytes());
    }
    return filter.build();
  }

  static SignatureVerifier verifier(
      CopernicaWebhooksProperties properties, PublicKeyResolver resolver, @Nullable ReplayGuard replayGuard) {
    if (properties.accountIds().isEmpty() || properties.accountIds().stream().anyMatch(String::isBlank)) {
      throw new WebhookConfigurationException(MISSING_ACCOUNT_ID, MISSING_ACCOUNT_ID_ACTION);
    }
    SignatureVerifier.Builder builder = SignatureVerifier.builder()
        .accountIds(properties.accountIds().toArray(String[]::new))
        .tolerance(properties.signature().tolerance())
        .provider(properties.signature().provider())
        .installProviderGlobally(properties.signature().installProviderGlobally());
    builder.keyResolver(resolver);
    if (properties.publicBaseUrl() != null) {
      builder.publicBaseUrl(properties.publicBaseUrl());
    }
    if (replayGuard != null) {
      builder.replayGuard(replayGuard);
    }
    try {
      return builder.build();
    } catch (IllegalStateException unusable) {
      // Account ids and a key resolver are set above: what is left to fail is the provider asked for.
      if (properties.signature().provider() != SignatureProvider.ACCP) {
        throw unusable;
      }
      throw new WebhookConfigurationException("copernica.webhooks.signature.provider=accp: " + unusable.getMessage(),
          UNUSABLE_PROVIDER_ACTION, unusable);
    }
  }

  /** The pinned key of {@code signature.public-key} when set, else Copernica's keys from DNS. */
  private static PublicKeyResolver keyResolver(@Nullable Resource pem) {
    if (pem == null) {
      return PublicKeyResolver.dns();
    }
    try (InputStream in = pem.getInputStream()) {
      return PublicKeyResolver.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("copernica.webhooks.signature.public-key: cannot read a PEM public key from "
          + pem.getDescription() + ": " + e.getMessage(), e);
    }
  }
}
