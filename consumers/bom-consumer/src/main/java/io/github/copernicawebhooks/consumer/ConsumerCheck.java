package io.github.copernicawebhooks.consumer;

import io.github.copernicawebhooks.WebhookDispatcher;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.spring.CopernicaWebhooksAutoConfiguration;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Uses each published artifact once, as an application would; any failure ends it with a non-zero status. */
public final class ConsumerCheck {

  private ConsumerCheck() {
  }

  public static void main(String[] args) throws Exception {
    core();
    servlet();
    springBootStarter();
    System.out.println("BOM consumer check passed: core, servlet, spring-boot-starter and test resolved through the BOM");
  }

  /** copernica-webhooks-core: a form-encoded body becomes a typed event. */
  private static void core() {
    WebhookEvent event = WebhookParser.create()
        .parse("type=update&profile=4711&database=12&timestamp=2026-11-28+10%3A15%3A00&fields%5Bemail%5D=jan%40example.nl");
    if (!(event instanceof ProfileUpdated update) || update.profileId() != 4711
        || !update.fields().get("email").orElse("").equals("jan@example.nl")) {
      throw new IllegalStateException("core: unexpected event " + event);
    }
    System.out.println("core: parsed " + event.getClass().getSimpleName() + " of profile " + update.profileId());
  }

  /** copernica-webhooks-servlet: the filter is built around a receiver that verifies with DNS keys. */
  private static void servlet() {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder()
            .accountIds("account_1234")
            .keyResolver(PublicKeyResolver.dns())
            .build())
        .listener(WebhookDispatcher.builder().on(ProfileUpdated.class, update -> { }).build())
        .build();
    CopernicaWebhookFilter filter = new CopernicaWebhookFilter(receiver);
    filter.destroy();
    System.out.println("servlet: built " + filter.getClass().getSimpleName());
  }

  /**
   * copernica-webhooks-spring-boot-starter: a Spring Boot application on a random port gets the
   * endpoint from the auto-configuration alone; the endpoint refuses an unsigned call with 401 and
   * accepts, with 200, a call that copernica-webhooks-test's sender signs with the key the application
   * trusts (a body from the test kit's builders, signed by core's WebhookSigner).
   */
  private static void springBootStarter() throws Exception {
    WebhookSigner signer = WebhookSigner.generate("account_1234");
    Path pem = Files.createTempFile("consumer-check", ".pem");
    Files.writeString(pem, signer.publicKeyPem(), StandardCharsets.US_ASCII);
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ConsumerApplication.class)
        .properties(
            "server.port=0",
            "spring.main.banner-mode=off",
            "logging.level.root=warn",
            "copernica.webhooks.account-ids=account_1234",
            "copernica.webhooks.signature.public-key=" + pem.toUri())
        .run()) {
      context.getBean(CopernicaWebhooksAutoConfiguration.class);
      String port = context.getEnvironment().getRequiredProperty("local.server.port");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/copernica"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("type=update&profile=1"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 401) {
        throw new IllegalStateException("spring: an unsigned call got " + response.statusCode() + ", not 401");
      }
      System.out.println("spring-boot-starter: auto-configured endpoint answered an unsigned call with 401");

      HttpResponse<String> signed = new CopernicaTestSender(signer).send(
          URI.create("http://127.0.0.1:" + port + "/webhooks/copernica"),
          WebhookBodies.profileUpdated().profile(4711).encode());
      if (signed.statusCode() != 200) {
        throw new IllegalStateException("test: a signed call got " + signed.statusCode() + ", not 200");
      }
      System.out.println("test: CopernicaTestSender's signed call of a WebhookBodies body was accepted with 200");
    } finally {
      Files.deleteIfExists(pem);
    }
  }
}
