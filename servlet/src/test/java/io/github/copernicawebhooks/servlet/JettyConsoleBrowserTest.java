package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.build.browser.Chromium;
import io.github.copernicawebhooks.build.browser.ConsoleBrowserPage;
import io.github.copernicawebhooks.servlet.TestDatabase.Kind;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser, served by the web.xml console servlet beside the web.xml filter with the
 * inbox on Jetty: calls appear without a reload, one opens with its raw body and typed JSON, a call refused
 * for a wrong account shows that reason, and a handler that fails until its event is dead is repaired and
 * the event retried from the page until it is handled.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JettyConsoleBrowserTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate("account_1234");

  @TempDir static Path temporary;

  private static Server jetty;
  private static URI base;
  private static Chromium chromium;

  @BeforeAll
  static void deployAndStartTheBrowser() throws Exception {
    chromium = Chromium.start();
    Path pem = temporary.resolve("copernica-test-key.pem");
    Files.writeString(pem, SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    Path webapp = Webapps.copy("console", temporary, Map.of("@PUBLIC_KEY_FILE@", pem.toString(),
        "@INBOX_TABLE_PREFIX@", "console_", "@CONSOLE_PARAMS@", ""));
    ConsoleTestListener.BROKEN.set(true);
    jetty = JndiContainers.jetty(webapp, TestDatabase.fresh(Kind.H2).dataSource());
    jetty.start();
    base = JndiContainers.base(jetty);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (jetty != null) {
        jetty.stop();
      }
    }
  }

  @Test
  void showsCallsLiveAndRetriesADeadEventUntilItIsHandled() throws Exception {
    ConsoleBrowserPage page = new ConsoleBrowserPage(chromium.driver()).open(base.resolve("copernica-webhooks").toString());
    assertThat(page.mode()).startsWith("Inbox:");
    URI endpoint = base.resolve("webhooks/copernica");
    CopernicaTestSender sender = new CopernicaTestSender(SIGNER);

    assertThat(sender.send(endpoint, body(4711)).statusCode()).isEqualTo(200);
    WebElement handled = page.awaitRow("profile 4711", "handled");
    assertThat(new CopernicaTestSender(SIGNER.withAccountId("account_9999")).send(endpoint, body(4712)).statusCode())
        .isEqualTo(401);
    WebElement refused = page.awaitRowWithReason("refused", "ACCOUNT_UNKNOWN");
    assertThat(sender.send(endpoint, body(ConsoleTestListener.FAILING_PROFILE)).statusCode()).isEqualTo(200);
    WebElement dead = page.awaitRow("profile " + ConsoleTestListener.FAILING_PROFILE, "dead");
    assertThat(page.wasNotReloaded()).as("the calls appeared without a reload").isTrue();

    page.openDetail(handled);
    assertThat(page.rawBody()).isEqualTo(body(4711));
    assertThat(page.typedEvent()).contains("\"event\": \"ProfileUpdated\"", "\"profileId\": 4711");
    assertThat(page.steps()).allMatch(step -> step.startsWith("passed "));

    page.openDetail(refused);
    assertThat(page.reasonLine()).startsWith("ACCOUNT_UNKNOWN: X-Copernica-ID is absent or not a configured account id");
    assertThat(page.steps()).contains("failed Account (X-Copernica-ID)");

    page.openDetail(dead);
    assertThat(page.attempts()).hasSize(2).allMatch(attempt -> attempt.contains(ConsoleTestListener.FAILURE));
    ConsoleTestListener.BROKEN.set(false);
    assertThat(page.retry()).isEqualTo("Retry this event now?");
    page.awaitDetailOutcome("handled");
    assertThat(page.attempts()).hasSize(3).last().satisfies(attempt -> assertThat(attempt).startsWith("succeeded"));
    page.awaitRow("profile " + ConsoleTestListener.FAILING_PROFILE, "handled");
    assertThat(page.wasNotReloaded()).isTrue();
  }

  private static String body(long profile) {
    return "type=update&profile=" + profile + "&database=12&timestamp=2026-11-28+10%3A15%3A00"
        + "&parameters%5Bcity%5D=Amsterdam&fields%5Bemail%5D=someone%40example.com";
  }
}
