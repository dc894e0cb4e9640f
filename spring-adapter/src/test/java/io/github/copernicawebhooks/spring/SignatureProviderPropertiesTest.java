package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.signature.SignatureProvider;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code copernica.webhooks.signature.provider} and {@code .install-provider-globally}, on a class path
 * without ACCP (it is optional in core and not passed on): the default falls back to the JDK's, and asking
 * for ACCP stops the start with what to do.
 */
class SignatureProviderPropertiesTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          CopernicaWebhooksAutoConfiguration.class, CopernicaWebhooksActuatorAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.account-ids=account_1234");

  @Test
  void takesTheJdksProviderByDefaultWhenAccpIsNotOnTheClassPath() {
    runner.run(context -> {
      CopernicaWebhooksProperties.Signature signature = context.getBean(CopernicaWebhooksProperties.class).signature();
      assertThat(signature.provider()).isEqualTo(SignatureProvider.AUTO);
      assertThat(signature.installProviderGlobally()).isFalse();
      assertThat(context.getBean(SignatureVerifier.class).providerName()).startsWith("SunRsaSign ");
    });
  }

  @Test
  void bindsTheProviderInLowerCase() {
    runner.withPropertyValues("copernica.webhooks.signature.provider=jdk",
        "copernica.webhooks.signature.install-provider-globally=true").run(context -> {
          CopernicaWebhooksProperties.Signature signature = context.getBean(CopernicaWebhooksProperties.class).signature();
          assertThat(signature.provider()).isEqualTo(SignatureProvider.JDK);
          assertThat(signature.installProviderGlobally()).isTrue();
          assertThat(context.getBean(WebhookReceiver.class).signatureProvider())
              .hasValueSatisfying(name -> assertThat(name).startsWith("SunRsaSign "));
        });
  }

  @Test
  void infoNamesTheProviderInUse() {
    runner.run(context -> {
      Info.Builder builder = new Info.Builder();
      context.getBean(WebhookInfoContributor.class).contribute(builder);
      @SuppressWarnings("unchecked")
      Map<String, Object> details = (Map<String, Object>) builder.build().getDetails().get("copernicaWebhooks");

      assertThat(details.get("signatureProvider")).asString().startsWith("SunRsaSign ");
    });
  }

  @Test
  void infoNamesNoProviderWhenSignaturesAreOff() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off").run(context -> {
      Info.Builder builder = new Info.Builder();
      context.getBean(WebhookInfoContributor.class).contribute(builder);
      @SuppressWarnings("unchecked")
      Map<String, Object> details = (Map<String, Object>) builder.build().getDetails().get("copernicaWebhooks");

      assertThat(details).containsEntry("signature", "off").doesNotContainKey("signatureProvider");
    });
  }

  @Test
  void failsToStartSayingWhatToDoWhenAccpIsAskedForAndAbsent() {
    runner.withPropertyValues("copernica.webhooks.signature.provider=accp").run(context -> {
      assertThat(context).getFailure().rootCause().hasMessageContaining("ACCP cannot be used: it is not on the class path");
      WebhookConfigurationException failure = configurationFailure(context.getStartupFailure());
      assertThat(failure.getMessage()).startsWith("copernica.webhooks.signature.provider=accp: ");
      assertThat(failure.action()).contains("linux-x86_64", "copernica.webhooks.signature.provider=auto");
    });
  }

  private static WebhookConfigurationException configurationFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof WebhookConfigurationException configuration) {
        return configuration;
      }
    }
    throw new AssertionError("no WebhookConfigurationException in " + failure);
  }
}
