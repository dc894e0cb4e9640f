package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.spring.CopernicaWebhooksProperties.SignatureMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class CopernicaWebhooksAutoConfigurationTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class));

  @Test
  void createsReceiverVerifierAndFilterAtDefaultPathInServletApplication() {
    runner.withPropertyValues("copernica.webhooks.account-ids=account_1234").run(context -> {
      assertThat(context).hasNotFailed()
          .hasSingleBean(WebhookReceiver.class)
          .hasSingleBean(SignatureVerifier.class)
          .hasBean("copernicaWebhookFilter");
      FilterRegistrationBean<?> registration = context.getBean("copernicaWebhookFilter", FilterRegistrationBean.class);
      assertThat(registration.getFilter()).isInstanceOf(CopernicaWebhookFilter.class);
      assertThat(registration.getUrlPatterns()).containsExactly("/webhooks/copernica");
      assertThat(registration.getOrder()).isEqualTo(CopernicaWebhooksAutoConfiguration.FILTER_ORDER);
    });
  }

  @Test
  void mountsFilterAtConfiguredPath() {
    runner.withPropertyValues("copernica.webhooks.account-ids=account_1234", "copernica.webhooks.path=/hooks/crm")
        .run(context -> {
          FilterRegistrationBean<?> registration = context.getBean("copernicaWebhookFilter", FilterRegistrationBean.class);
          assertThat(registration.getUrlPatterns()).containsExactly("/hooks/crm");
        });
  }

  @Test
  void bindsEveryProperty(@TempDir Path directory) throws IOException {
    Path pem = writePem(directory);
    runner.withPropertyValues(
            "copernica.webhooks.account-ids=account_1234,account-99",
            "copernica.webhooks.signature.public-key=file:" + pem,
            "copernica.webhooks.signature.tolerance=90s",
            "copernica.webhooks.max-body-size=1MB",
            "copernica.webhooks.time-zone=UTC",
            "copernica.webhooks.public-base-url=https://example.com/app",
            "copernica.webhooks.publish-application-events=true")
        .run(context -> {
          CopernicaWebhooksProperties properties = context.getBean(CopernicaWebhooksProperties.class);
          assertThat(properties.accountIds()).containsExactly("account_1234", "account-99");
          assertThat(properties.signature().mode()).isEqualTo(SignatureMode.REQUIRED);
          assertThat(properties.signature().publicKey()).isNotNull();
          assertThat(properties.signature().tolerance()).isEqualTo(Duration.ofSeconds(90));
          assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
          assertThat(properties.timeZone()).isEqualTo(ZoneId.of("UTC"));
          assertThat(properties.publicBaseUrl()).isEqualTo("https://example.com/app");
          assertThat(properties.publishApplicationEvents()).isTrue();
          assertThat(context.getBean(WebhookReceiver.class).maxBodyBytes()).isEqualTo(1024 * 1024);
        });
  }

  @Test
  void usesDefaultsWhenNothingButTheAccountIdIsSet() {
    runner.withPropertyValues("copernica.webhooks.account-ids=account_1234").run(context -> {
      CopernicaWebhooksProperties properties = context.getBean(CopernicaWebhooksProperties.class);
      assertThat(properties.enabled()).isTrue();
      assertThat(properties.path()).isEqualTo("/webhooks/copernica");
      assertThat(properties.signature().mode()).isEqualTo(SignatureMode.REQUIRED);
      assertThat(properties.signature().publicKey()).isNull();
      assertThat(properties.signature().tolerance()).isEqualTo(SignatureVerifier.DEFAULT_TOLERANCE);
      assertThat(properties.maxBodySize().toBytes()).isEqualTo(4L * 1024 * 1024);
      assertThat(properties.timeZone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
      assertThat(properties.publicBaseUrl()).isNull();
      assertThat(properties.publishApplicationEvents()).isFalse();
    });
  }

  @Test
  void failsToStartWithoutAccountIdWhileSignatureIsRequired() {
    runner.run(context -> assertThat(context).getFailure()
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("copernica.webhooks.account-ids is not set")
        .hasMessageContaining("copernica.webhooks.signature.mode"));
  }

  @Test
  void startsWithoutAccountIdWhenSignatureIsOff() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off").run(context -> assertThat(context)
        .hasNotFailed()
        .hasSingleBean(WebhookReceiver.class)
        .doesNotHaveBean(SignatureVerifier.class)
        .hasBean("copernicaWebhookFilter"));
  }

  @Test
  void failsToStartWhenThePublicKeyCannotBeRead(@TempDir Path directory) throws IOException {
    Path notAKey = Files.writeString(directory.resolve("key.pem"), "not a key");
    runner.withPropertyValues("copernica.webhooks.account-ids=account_1234",
            "copernica.webhooks.signature.public-key=file:" + notAKey)
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("copernica.webhooks.signature.public-key: cannot read a PEM public key"));
  }

  @Test
  void failsToStartWhenPathDoesNotStartWithSlash() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off", "copernica.webhooks.path=webhooks")
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("copernica.webhooks.path must start with '/'"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsReceiver() {
    runner.withUserConfiguration(OwnReceiver.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(WebhookReceiver.class);
      assertThat(context.getBean(WebhookReceiver.class)).isSameAs(context.getBean(OwnReceiver.class).receiver);
      FilterRegistrationBean<?> registration = context.getBean("copernicaWebhookFilter", FilterRegistrationBean.class);
      assertThat(registration.getFilter()).isInstanceOf(CopernicaWebhookFilter.class);
    });
  }

  @Test
  void backsOffWhenTheApplicationRegistersTheFilterItself() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off").withUserConfiguration(OwnFilter.class)
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("copernicaWebhookFilter").hasBean("ownFilter");
          assertThat(context.getBeansOfType(FilterRegistrationBean.class)).containsOnlyKeys("ownFilter");
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsVerifier() {
    runner.withUserConfiguration(OwnVerifier.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(SignatureVerifier.class).hasSingleBean(WebhookReceiver.class);
      assertThat(context.getBean(SignatureVerifier.class)).isSameAs(context.getBean(OwnVerifier.class).verifier);
    });
  }

  /** The bean's key verifies calls, and only it: a call signed with another key is refused. */
  @Test
  void usesAPublicKeyResolverBeanOfTheApplication() {
    WebhookSigner stranger = WebhookSigner.generate(SIGNER.accountId());
    runner.withPropertyValues("copernica.webhooks.account-ids=" + SIGNER.accountId())
        .withBean(PublicKeyResolver.class, SIGNER::resolver)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(SignatureVerifier.class);
          WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
          assertThat(receiver.receive(SIGNER.sign(call("/webhooks/copernica", "localhost"))).status()).isEqualTo(200);
          assertThat(reasonOf(receiver.receive(stranger.sign(call("/webhooks/copernica", "localhost")))))
              .isEqualTo(Reason.SIGNATURE_INVALID);
        });
  }

  /** A replayed call is refused through the application's replay guard, which saw both. */
  @Test
  void usesAReplayGuardBeanOfTheApplication() {
    List<String> tokens = new CopyOnWriteArrayList<>();
    ReplayGuard shared = (token, now, expiresAt) -> {
      boolean first = !tokens.contains(token);
      tokens.add(token);
      return first;
    };
    runner.withPropertyValues("copernica.webhooks.account-ids=" + SIGNER.accountId())
        .withBean(PublicKeyResolver.class, SIGNER::resolver)
        .withBean(ReplayGuard.class, () -> shared)
        .run(context -> {
          WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
          WebhookRequest signed = SIGNER.sign(call("/webhooks/copernica", "localhost"));

          assertThat(receiver.receive(signed).status()).isEqualTo(200);
          assertThat(reasonOf(receiver.receive(signed))).isEqualTo(Reason.REPLAYED);
          String nonce = "nonce " + signed.header("X-Nonce").orElseThrow();
          assertThat(tokens).containsExactly(nonce, nonce);
        });
  }

  /** 120 s ago is inside the default tolerance of 5 minutes and outside 90 s. */
  @Test
  void appliesTheSignatureTolerance() {
    WebhookSigner twoMinutesAgo = SIGNER.withClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-120)));
    WebApplicationContextRunner trusting = runner.withPropertyValues("copernica.webhooks.account-ids=" + SIGNER.accountId())
        .withBean(PublicKeyResolver.class, SIGNER::resolver);

    trusting.withPropertyValues("copernica.webhooks.signature.tolerance=90s").run(context -> assertThat(reasonOf(
        context.getBean(WebhookReceiver.class).receive(twoMinutesAgo.sign(call("/webhooks/copernica", "localhost")))))
        .isEqualTo(Reason.DATE_STALE));
    trusting.run(context -> assertThat(
        context.getBean(WebhookReceiver.class).receive(twoMinutesAgo.sign(call("/webhooks/copernica", "localhost")))
            .status()).isEqualTo(200));
  }

  /** Behind a proxy the call arrives at another host and path than Copernica signed. */
  @Test
  void verifiesAgainstThePublicBaseUrl() {
    WebhookRequest signedByCopernica = SIGNER.sign(call("/app/webhooks/copernica", "hooks.example.com"));
    WebhookRequest asReceived = signedByCopernica.toBuilder()
        .target("/webhooks/copernica").setHeader("Host", "10.0.0.7:8080").build();
    WebApplicationContextRunner trusting = runner.withPropertyValues("copernica.webhooks.account-ids=" + SIGNER.accountId())
        .withBean(PublicKeyResolver.class, SIGNER::resolver);

    trusting.withPropertyValues("copernica.webhooks.public-base-url=https://hooks.example.com/app").run(context ->
        assertThat(context.getBean(WebhookReceiver.class).receive(asReceived).status()).isEqualTo(200));
    trusting.run(context -> assertThat(reasonOf(context.getBean(WebhookReceiver.class).receive(asReceived)))
        .isEqualTo(Reason.SIGNATURE_INVALID));
  }

  @Test
  void bindsTheBodyLimitsWithTheFiltersDefaults() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off").run(context -> {
      CopernicaWebhooksProperties properties = context.getBean(CopernicaWebhooksProperties.class);
      assertThat(properties.bodyTimeout()).isEqualTo(CopernicaWebhookFilter.DEFAULT_BODY_TIMEOUT);
      assertThat(properties.minBodyRate().toBytes()).isEqualTo(CopernicaWebhookFilter.DEFAULT_MIN_BODY_BYTES_PER_SECOND);
    });
    runner.withPropertyValues("copernica.webhooks.signature.mode=off", "copernica.webhooks.body-timeout=0s")
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("copernica.webhooks.body-timeout must be positive"));
  }

  @Test
  void doesNothingWhenDisabled() {
    runner.withPropertyValues("copernica.webhooks.enabled=false").run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(WebhookReceiver.class)
        .doesNotHaveBean(CopernicaWebhooksProperties.class)
        .doesNotHaveBean("copernicaWebhookFilter"));
  }

  @Test
  void doesNothingInAnApplicationWithoutServlets() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class))
        .withPropertyValues("copernica.webhooks.account-ids=account_1234")
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(WebhookReceiver.class)
            .doesNotHaveBean("copernicaWebhookFilter"));
  }

  @Test
  void countsCallsWhenTheApplicationHasAMeterRegistry() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(WebhookMetrics.class).hasBean("copernicaWebhookMetricsFilter");
          FilterRegistrationBean<?> metrics = context.getBean("copernicaWebhookMetricsFilter", FilterRegistrationBean.class);
          assertThat(metrics.getUrlPatterns()).containsExactly("/webhooks/copernica");
          assertThat(metrics.getOrder()).isLessThan(CopernicaWebhooksAutoConfiguration.FILTER_ORDER);
        });
  }

  @Test
  void addsNoMetricsWithoutAMeterRegistry() {
    runner.withPropertyValues("copernica.webhooks.signature.mode=off").run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(WebhookMetrics.class)
        .doesNotHaveBean("copernicaWebhookMetricsFilter"));
  }

  @Test
  void startsWithoutMicrometerOnTheClasspath() {
    runner.withPropertyValues("copernica.webhooks.account-ids=account_1234")
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).hasNotFailed()
            .hasSingleBean(WebhookReceiver.class)
            .doesNotHaveBean("copernicaWebhookMetricsFilter"));
  }

  private static WebhookRequest call(String target, String host) {
    return WebhookRequest.builder()
        .method("POST")
        .target(target)
        .header("Host", host)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(TestEvents.PROFILE_UPDATED.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static Reason reasonOf(WebhookOutcome outcome) {
    return outcome.failure().map(WebhookException::reason).orElseThrow(
        () -> new AssertionError("not refused: " + outcome.status() + " " + outcome.message()));
  }

  private static Path writePem(Path directory) throws IOException {
    return Files.writeString(directory.resolve("copernica.pem"), SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnReceiver {
    final WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {}).build();

    @Bean
    WebhookReceiver ownReceiver() {
      return receiver;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnFilter {
    @Bean
    FilterRegistrationBean<CopernicaWebhookFilter> ownFilter() {
      WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> {}).build();
      FilterRegistrationBean<CopernicaWebhookFilter> registration =
          new FilterRegistrationBean<>(new CopernicaWebhookFilter(receiver));
      registration.setUrlPatterns(List.of("/elsewhere"));
      return registration;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnVerifier {
    final SignatureVerifier verifier =
        SignatureVerifier.builder().accountIds("account_77").keyResolver(SIGNER.knownKeyResolver()).build();

    @Bean
    SignatureVerifier ownVerifier() {
      return verifier;
    }
  }
}
