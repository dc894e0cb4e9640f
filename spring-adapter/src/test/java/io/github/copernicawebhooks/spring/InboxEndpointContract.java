package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.inbox.InboxAttempt;
import io.github.copernicawebhooks.inbox.InboxEntry;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.InboxSummary;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The inbox of a real Spring Boot application on its embedded Tomcat, called over HTTP with Copernica's
 * signature, on the application's DataSource: a subclass per database. A call is answered 200 once its row
 * is committed, before any handler method ran; a method that fails is called again; every attempt carries
 * the row's id as the request's delivery id. The context is closed after each class, which stops its workers.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@DirtiesContext
abstract class InboxEndpointContract {

  static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort
  private int port;

  @Autowired
  private InboxOperations inbox;

  @Autowired
  private InboxHandlers handlers;

  static void signedByTheTestSigner(DynamicPropertyRegistry registry) throws IOException {
    Path pem = Files.createTempFile("copernica-test-key", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, SIGNER.publicKeyPem(), StandardCharsets.US_ASCII);
    registry.add("copernica.webhooks.signature.public-key", () -> pem.toUri().toString());
    registry.add("copernica.webhooks.account-ids", () -> WebhookSigner.DEFAULT_ACCOUNT_ID);
    registry.add("copernica.webhooks.inbox.enabled", () -> "true");
    registry.add("copernica.webhooks.inbox.retry.initial-delay", () -> "100ms");
    registry.add("copernica.webhooks.inbox.retry.max-delay", () -> "100ms");
  }

  @Test
  void answers200OnceTheRowIsCommittedAndThenHandsTheMethodTheEventWithItsDeliveryId() throws Exception {
    HttpResponse<String> response = send(InboxHandlers.BLOCKED_PROFILE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok, stored");
    InboxSummary stored = await(() -> row(InboxHandlers.BLOCKED_PROFILE)).orElseThrow();
    assertThat(stored.status()).as("read on another connection while the method waits")
        .isIn(InboxStatus.PENDING, InboxStatus.IN_PROGRESS);
    assertThat(handlers.finished).doesNotContain(InboxHandlers.BLOCKED_PROFILE);

    handlers.release.countDown();

    InboxEntry handled = awaitHandled(stored.id());
    assertThat(handled.summary().profileId()).hasValue(InboxHandlers.BLOCKED_PROFILE);
    assertThat(handlers.deliveryIds(InboxHandlers.BLOCKED_PROFILE)).containsExactly(String.valueOf(stored.id()));
    assertThat(handlers.finished).contains(InboxHandlers.BLOCKED_PROFILE);
  }

  @Test
  void callsAFailedMethodAgainWithTheSameDeliveryIdUntilItSucceeds() throws Exception {
    assertThat(send(InboxHandlers.FAILING_ONCE_PROFILE).statusCode()).isEqualTo(200);

    long id = await(() -> row(InboxHandlers.FAILING_ONCE_PROFILE)).orElseThrow().id();
    InboxEntry handled = awaitHandled(id);

    assertThat(handled.attempts()).extracting(InboxAttempt::succeeded).containsExactly(false, true);
    assertThat(handled.attempts().get(0).error()).hasValueSatisfying(error -> assertThat(error).contains("crm is down"));
    assertThat(handlers.deliveryIds(InboxHandlers.FAILING_ONCE_PROFILE))
        .containsExactly(String.valueOf(id), String.valueOf(id));
  }

  private HttpResponse<String> send(long profile) throws Exception {
    return new CopernicaTestSender(SIGNER).send(URI.create("http://localhost:" + port + "/webhooks/copernica"),
        WebhookBodies.profileUpdated().profile(profile).database(12).encode());
  }

  private Optional<InboxSummary> row(long profile) {
    return inbox.list(InboxQuery.all().withId(profile)).entries().stream().findFirst();
  }

  private InboxEntry awaitHandled(long id) throws InterruptedException {
    return await(() -> inbox.find(id).filter(entry -> entry.summary().status() == InboxStatus.HANDLED))
        .orElseThrow(() -> new AssertionError("row " + id + " not HANDLED within " + PATIENCE + ": " + inbox.find(id)));
  }

  private static <T> Optional<T> await(Supplier<Optional<T>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Optional<T> value = condition.get();
    while (value.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      value = condition.get();
    }
    return value;
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(InboxHandlers.class)
  static class App {}

  /** Waits for {@link #release} on one profile, fails the first attempt on another. */
  static class InboxHandlers {
    static final long BLOCKED_PROFILE = 100;
    static final long FAILING_ONCE_PROFILE = 666;

    final CountDownLatch release = new CountDownLatch(1);
    final List<Long> finished = new CopyOnWriteArrayList<>();
    private final Map<Long, List<String>> deliveryIds = new ConcurrentHashMap<>();

    @CopernicaWebhookHandler
    void updated(ProfileUpdated update, WebhookRequest request) throws InterruptedException {
      List<String> ids = deliveryIds.computeIfAbsent(update.profileId(), any -> new CopyOnWriteArrayList<>());
      ids.add(request.deliveryId().orElse("none"));
      if (update.profileId() == BLOCKED_PROFILE && !release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
      if (update.profileId() == FAILING_ONCE_PROFILE && ids.size() == 1) {
        throw new IllegalStateException("crm is down");
      }
      finished.add(update.profileId());
    }

    List<String> deliveryIds(long profile) {
      return deliveryIds.getOrDefault(profile, List.of());
    }
  }
}
