package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
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

  @Test
  void keepsTheInboxBacklogOutOfTheMainHealthAndTheProbesInAGroupOfItsOwn() {
    inboxRunner().withPropertyValues("copernica.webhooks.health.inbox.max-backlog=0").run(context -> {
      assertThat(context).hasNotFailed();
      AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
      context.getBean(WebhookReceiver.class).receive(call(41));
      HealthEndpoint health = context.getBean(HealthEndpoint.class);

      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
      assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
      assertThat(health.healthForPath("copernicaWebhooks", "inbox").getStatus()).isEqualTo(Status.UP);
      assertThat(health.healthForPath(InboxHealthGroups.GROUP).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
      assertThat(health.healthForPath(InboxBacklogHealthIndicator.NAME)).as("not in the main health").isNull();
    });
  }

  @Test
  void aGroupThatNamesTheBacklogCheckKeepsIt() {
    inboxRunner().withPropertyValues("copernica.webhooks.health.inbox.max-backlog=0",
        "management.endpoint.health.group.ops.include=" + InboxBacklogHealthIndicator.NAME + ",ping").run(context -> {
          context.getBean(WebhookReceiver.class).receive(call(41));

          assertThat(context.getBean(HealthEndpoint.class).healthForPath("ops").getStatus())
              .isEqualTo(Status.OUT_OF_SERVICE);
        });
  }

  @Test
  void gaugesShowTheInboxFromTheCountTheHealthChecksShare() {
    inboxRunner().run(context -> {
      WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
      receiver.receive(call(41));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      context.getBean("copernicaWebhookInboxGauges", MeterBinder.class).bindTo(registry);

      assertThat(registry.get(WebhookMetrics.INBOX_EVENTS).tag("status", "pending").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get(WebhookMetrics.INBOX_BACKLOG).gauge().value()).isEqualTo(1.0);
      receiver.receive(call(42));
      assertThat(registry.get(WebhookMetrics.INBOX_BACKLOG).gauge().value())
          .as("counted once per interval, not per scrape").isEqualTo(1.0);
    });
  }

  /** An inbox on a fresh H2 with no workers, the health endpoint with its probes, and a long count interval. */
  private WebApplicationContextRunner inboxRunner() {
    DataSource h2 = TestDatabases.h2();
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class,
            CopernicaWebhooksActuatorAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
            HealthContributorRegistryAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            AvailabilityHealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
            AvailabilityProbesAutoConfiguration.class))
        .withBean(InboxSettings.class, () -> InboxSettings.builder(h2).workers(0)
            .schemaInitialization(SchemaInitialization.ALWAYS).build())
        .withPropertyValues("copernica.webhooks.signature.mode=off", "management.endpoint.health.probes.enabled=true",
            "copernica.webhooks.health.inbox.count-interval=1h");
  }

  private static WebhookRequest call(long profile) {
    return WebhookRequest.builder().method("POST").target("/webhooks/copernica")
        .header("Content-Type", WebhookBodies.FORM_CONTENT_TYPE)
        .body(TestEvents.profileUpdatedIn(12, profile).getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static Health keyHealth(AssertableWebApplicationContext context) {
    CompositeHealthContributor composite =
        context.getBean("copernicaWebhooksHealthContributor", CompositeHealthContributor.class);
    return ((HealthIndicator) composite.getContributor("key")).health(true);
  }
}
