package io.github.copernicawebhooks.samples.webflux;

import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/** Once the application is up, sends it one signed example of every event type over real HTTP. */
class DemoSender {

  private static final Logger log = LoggerFactory.getLogger(DemoSender.class);

  private final WebhookSigner signer;
  private final CompletableFuture<Map<String, Integer>> statuses = new CompletableFuture<>();

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

  private void send(URI endpoint) {
    try {
      log.info("Demo: sending one signed example of every event type to {}", endpoint);
      Map<String, Integer> result = new CopernicaTestSender(signer).sendExamples(endpoint);
      result.forEach((type, status) -> log.info("Demo: {} -> HTTP {}", type, status));
      statuses.complete(result);
    } catch (Exception e) {
      log.error("Demo: sending the examples failed", e);
      statuses.completeExceptionally(e);
    }
  }
}
