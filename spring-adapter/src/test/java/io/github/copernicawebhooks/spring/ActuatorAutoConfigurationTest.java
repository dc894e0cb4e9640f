package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The health contributor and the info entry, present only with Actuator. */
class ActuatorAutoConfigurationTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksActuatorAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.account-ids=account_1234");

  @Test
  void keyHealthIsUnknownUntilACallBringsAKeyIdThenUpWhileThatKeyResolvesAndDownWhenItNoLongerDoes() {
    AtomicBoolean dnsDown = new AtomicBoolean();
    PublicKeyResolver signer = SIGNER.resolver();
    runner.withBean(PublicKeyResolver.class, () -> keyId -> {
      if (dnsDown.get()) {
        throw new WebhookException(Reason.KEY_UNAVAILABLE, "DNS lookup of " + keyId + " timed out");
      }
      return signer.resolve(keyId);
    }).run(context -> {
      assertThat(keyHealth(context).getStatus()).isEqualTo(Status.UNKNOWN);

      context.getBean(WebhookKeys.class).resolver().resolve(SIGNER.keyId());
      Health up = keyHealth(context);
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("source", "application").containsEntry("keyId", SIGNER.keyId());

      dnsDown.set(true);
      Health down = keyHealth(context);
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("reason", "KEY_UNAVAILABLE")
          .containsEntry("error", "DNS lookup of " + SIGNER.keyId() + " timed out");
    });
  }

  @Test
  void aKeyIdThatNeverResolvedDoesNotChangeTheHealth() {
    PublicKeyResolver signer = SIGNER.resolver();
    runner.withBean(PublicKeyResolver.class, () -> keyId -> {
      if (!keyId.equals(SIGNER.keyId())) {
        throw new WebhookException(Reason.KEY_NOT_FOUND, "no key at " + keyId);
      }
      return signer.resolve(keyId);
    }).run(context -> {
      PublicKeyResolver verifying = context.getBean(WebhookKeys.class).resolver();
      verifying.resolve(SIGNER.keyId());
      try {
        verifying.resolve("made-up._domainkey.copernica.com");
      } catch (WebhookException expected) {
        // an attacker's key id
      }
      assertThat(keyHealth(context).getStatus()).isEqualTo(Status.UP);
      assertThat(keyHealth(context).getDetails()).containsEntry("keyId", SIGNER.keyId());
    });
  }

  @Test
  void aConfiguredPublicKeyIsAlwaysUp(@TempDir Path directory) throws Exception {
    Path pem = Files.writeString(directory.resolve("key.pem"), SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    runner.withPropertyValues("copernica.webhooks.signature.public-key=file:" + pem).run(context -> {
      assertThat(keyHealth(context).getStatus()).isEqualTo(Status.UP);
      assertThat(keyHealth(context).getDetails()).containsEntry("source", "public-key");
    });
  }

  @Test
  void infoShowsTheVersionAndTheModesButNoSecrets() {
    runner.withPropertyValues("copernica.webhooks.deduplication.enabled=true").run(context -> {
      Info.Builder builder = new Info.Builder();
      context.getBean(WebhookInfoContributor.class).contribute(builder);
      @SuppressWarnings("unchecked")
      Map<String, Object> details = (Map<String, Object>) builder.build().getDetails().get("copernicaWebhooks");

      assertThat(details.get("version")).asString().matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(details).containsEntry("path", "/webhooks/copernica")
          .containsEntry("web", "servlet")
          .containsEntry("signature", "required")
          .containsEntry("keys", "dns")
          .containsEntry("async", false)
          .containsEntry("deduplication", true)
          .doesNotContainKey("accountIds");
      assertThat(details.toString()).doesNotContain("account_1234");
    });
  }

  @Test
  void turnsTheHealthContributorOffWithBootsProperty() {
    runner.withPropertyValues("management.health.copernicaWebhooks.enabled=false").run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean("copernicaWebhooksHealthContributor")
        .hasSingleBean(WebhookInfoContributor.class));
  }

  @Test
  void addsNothingWithoutActuator() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate"))
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean("copernicaWebhooksHealthContributor")
            .doesNotHaveBean("copernicaWebhooksInfoContributor"));
  }

  private static Health keyHealth(AssertableWebApplicationContext context) {
    CompositeHealthContributor composite =
        context.getBean("copernicaWebhooksHealthContributor", CompositeHealthContributor.class);
    return ((HealthIndicator) composite.getContributor("key")).health(true);
  }
}
