package io.github.copernicawebhooks.samples.spring;

import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Once the application is up, sends it one signed example of every event type over real HTTP, then one
 * call signed for another account, which it refuses (the console shows it with its reason).
 */
class DemoSender {

  private static final Logger log = LoggerFactory.getLogger(DemoSender.class);

  /** The account of the demo's deliberately refused call. */
  static final String OTHER_ACCOUNT = "account_9999";

  private final WebhookSigner signer;
  private final CompletableFuture<Map<String, Integer>> statuses = new CompletableFuture<>();
  private final CompletableFuture<Integer> refused = new CompletableFuture<>();

  DemoSender(WebhookSigner signer) {
    this.signer = signer;
  }

  @EventListener(ApplicationReadyEvent.class)
  void sendExamples(ApplicationReadyEvent ready) {
    URI endpoint = EndpointAnnouncer.endpoint(ready.getApplicationContext().getEnvironment());
    Thread sender = new Thread(() -> send(endpoint), "demo-sender");
    sender.setDaemon(true);
    sender.start();
  }

  /** The HTTP status of each example, per event type, once all were sent. */
  CompletableFuture<Map<String, Integer>> statuses() {
    return statuses;
  }

  /** The HTTP status of the call signed for another account, which the receiver refuses. */
  CompletableFuture<Integer> refused() {
    return refused;
  }

  private void send(URI endpoint) {
    try {
      log.info("Demo: sending one signed example of every event type to {}", endpoint);
      Map<String, Integer> result = new CopernicaTestSender(signer).sendExamples(endpoint);
      result.forEach((type, status) -> log.info("Demo: {} -> HTTP {}", type, status));
      statuses.complete(result);
      int status = new CopernicaTestSender(signer.withAccountId(OTHER_ACCOUNT))
          .send(endpoint, Objects.requireNonNull(CopernicaTestSender.examples().get("ProfileUpdated"))).statusCode();
      log.info("Demo: a call signed for {}, not a configured account -> HTTP {}", OTHER_ACCOUNT, status);
      refused.complete(status);
    } catch (Exception e) {
      log.error("Demo: sending the examples failed", e);
      statuses.completeExceptionally(e);
      refused.completeExceptionally(e);
    }
  }
}
