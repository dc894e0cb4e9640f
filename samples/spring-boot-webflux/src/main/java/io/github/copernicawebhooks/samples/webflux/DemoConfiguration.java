package io.github.copernicawebhooks.samples.webflux;

import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo: trusts a key pair generated at start-up instead of Copernica's keys in DNS, and sends
 * itself signed examples. Active in the default {@code demo} profile while the account id is the test
 * signer's; setting a real {@code copernica.webhooks.account-ids} switches it off.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@ConditionalOnProperty(name = "copernica.webhooks.account-ids", havingValue = WebhookSigner.DEFAULT_ACCOUNT_ID)
class DemoConfiguration {

  @Bean
  WebhookSigner demoSigner() {
    return WebhookSigner.generate();
  }

  @Bean
  PublicKeyResolver demoKeyResolver(WebhookSigner demoSigner) {
    return demoSigner.resolver();
  }

  @Bean
  DemoSender demoSender(WebhookSigner demoSigner) {
    return new DemoSender(demoSigner);
  }
}
