package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.build.browser.Chromium;
import io.github.copernicawebhooks.build.browser.ConsoleBrowserPage;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.WebElement;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser, served by the real Spring Boot application with the inbox on H2: calls
 * appear without a reload, one opens with its raw body and typed JSON, a call refused for a wrong account
 * shows that reason, and a handler method that fails until its event is dead is repaired and the event
 * retried from the page until it is handled.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@SpringBootTest(
    classes = SpringConsoleBrowserTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID,
      "copernica.webhooks.console.enabled=true",
      "copernica.webhooks.inbox.enabled=true",
      "copernica.webhooks.inbox.max-attempts=2",
      "copernica.webhooks.inbox.retry.initial-delay=1s",
      "copernica.webhooks.inbox.retry.max-delay=1s"
    })
class SpringConsoleBrowserTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final long FAILING_PROFILE = 666;
  private static final String FAILURE = "the CRM is down";
  private static final AtomicBoolean BROKEN = new AtomicBoolean(true);

  private static Chromium chromium;

  @LocalServerPort
  private int port;

  @DynamicPropertySource
  static void trustTheTestSigner(DynamicPropertyRegistry registry) throws IOException {
    Path pem = Files.createTempFile("copernica-test-key", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    registry.add("copernica.webhooks.signature.public-key", () -> pem.toUri().toString());
    registry.add("spring.datasource.url", () -> TestDatabases.h2Url());
  }

  @BeforeAll
  static void startTheBrowser() {
    chromium = Chromium.start();
  }

  @AfterAll
  static void stopTheBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void showsCallsLiveAndRetriesADeadEventUntilItIsHandled() throws Exception {
    URI base = URI.create("http://localhost:" + port + "/");
    ConsoleBrowserPage page = new ConsoleBrowserPage(chromium.driver()).open(base.resolve("copernica-webhooks").toString());
    assertThat(page.mode()).startsWith("Inbox:");
    URI endpoint = base.resolve("webhooks/copernica");
    CopernicaTestSender sender = new CopernicaTestSender(SIGNER);

    assertThat(sender.send(endpoint, body(4711)).statusCode()).isEqualTo(200);
    WebElement handled = page.awaitRow("profile 4711", "handled");
    assertThat(new CopernicaTestSender(SIGNER.withAccountId("account_9999")).send(endpoint, body(4712)).statusCode())
        .isEqualTo(401);
    WebElement refused = page.awaitRowWithReason("refused", "ACCOUNT_UNKNOWN");
    assertThat(sender.send(endpoint, body(FAILING_PROFILE)).statusCode()).isEqualTo(200);
    WebElement dead = page.awaitRow("profile " + FAILING_PROFILE, "dead");
    assertThat(page.wasNotReloaded()).as("the calls appeared without a reload").isTrue();

    page.openDetail(handled);
    assertThat(page.rawBody()).isEqualTo(body(4711));
    assertThat(page.typedEvent()).contains("\"event\": \"ProfileUpdated\"", "\"profileId\": 4711");

    page.openDetail(refused);
    assertThat(page.reasonLine()).startsWith("ACCOUNT_UNKNOWN: X-Copernica-ID is absent or not a configured account id");
    assertThat(page.steps()).contains("failed Account (X-Copernica-ID)");

    page.openDetail(dead);
    assertThat(page.attempts()).hasSize(2).allMatch(attempt -> attempt.contains(FAILURE));
    BROKEN.set(false);
    assertThat(page.retry()).isEqualTo("Retry this event now?");
    page.awaitDetailOutcome("handled");
    assertThat(page.attempts()).hasSize(3).last().satisfies(attempt -> assertThat(attempt).startsWith("succeeded"));
    page.awaitRow("profile " + FAILING_PROFILE, "handled");
    assertThat(page.wasNotReloaded()).isTrue();
  }

  private static String body(long profile) {
    return "type=update&profile=" + profile + "&database=12&timestamp=2026-11-28+10%3A15%3A00"
        + "&parameters%5Bcity%5D=Amsterdam&fields%5Bemail%5D=someone%40example.com";
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    Handlers handlers() {
      return new Handlers();
    }
  }

  static class Handlers {

    @CopernicaWebhookHandler
    void onUpdate(ProfileUpdated update) {
      if (BROKEN.get() && update.profileId() == FAILING_PROFILE) {
        throw new IllegalStateException(FAILURE);
      }
    }
  }
}
