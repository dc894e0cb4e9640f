package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.inbox.InboxAttempt;
import io.github.copernicawebhooks.inbox.InboxEntry;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.servlet.InboxRecordingListener.Delivery;
import io.github.copernicawebhooks.servlet.TestDatabase.Kind;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inbox configured in web.xml ({@code webapps/inbox}) on a real container whose DataSource, bound in
 * JNDI by the container's own means, reaches a real H2 or PostgreSQL database: a signed call is stored,
 * answered 200 and handled by the workers, a failed attempt is retried, and the filter's destroy() stops
 * the workers it started. A subclass per container.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class InboxFilterContract {

  static final String PREFIX = "webxml_";
  private static final String WORKER_THREADS = "copernica-webhooks-inbox";
  private static final WebhookSigner SIGNER = WebhookSigner.generate("account_1234");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path temporary;

  /** Deploys the web application on a fresh container whose {@code jdbc/webhooks} reaches the database. */
  abstract TestServer deploy(Path webapp, TestDatabase database) throws Exception;

  /** Deploys a web application that must fail to start, asserts that it failed, and returns the error text. */
  abstract String failedDeploymentError(Path webapp, TestDatabase database) throws Exception;

  @BeforeEach
  void forgetDeliveries() {
    InboxRecordingListener.clear();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void storesASignedCallAnswers200AndHandlesItRetryingAFailedAttempt(Kind kind) throws Exception {
    TestDatabase database = TestDatabase.fresh(kind);
    try (TestServer server = deploy(webapp("java:comp/env/jdbc/webhooks", PREFIX), database);
        WebhookReceiver reader = storeOnly(database)) {
      HttpResponse<String> handled = send(server, 4711);
      HttpResponse<String> failingOnce = send(server, InboxRecordingListener.FAILING_ONCE_PROFILE);

      assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
      assertThat(failingOnce.statusCode()).as(failingOnce.body()).isEqualTo(200);
      InboxEntry first = awaitHandled(reader, 4711);
      assertThat(first.summary().eventType()).isEqualTo("ProfileUpdated");
      assertThat(first.summary().profileId()).hasValue(4711);
      assertThat(first.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.succeeded()).isTrue());
      InboxEntry retried = awaitHandled(reader, InboxRecordingListener.FAILING_ONCE_PROFILE);
      assertThat(retried.attempts()).extracting(InboxAttempt::succeeded).containsExactly(false, true);
      assertThat(retried.attempts().get(0).error()).hasValueSatisfying(
          error -> assertThat(error).contains(InboxRecordingListener.FAILURE));
      assertThat(InboxRecordingListener.attempts(4711)).isEqualTo(1);
      assertThat(InboxRecordingListener.attempts(InboxRecordingListener.FAILING_ONCE_PROFILE)).isEqualTo(2);
    }
  }

  @Test
  void acceptsTheResourceNameRelativeToTheEnvironmentAndStopsTheWorkersOnDestroy() throws Exception {
    TestDatabase database = TestDatabase.fresh(Kind.H2);
    TestServer server = deploy(webapp("jdbc/webhooks", PREFIX), database);
    try {
      assertThat(send(server, 1).statusCode()).isEqualTo(200);
      assertThat(await(() -> delivery(1))).isPresent();
      assertThat(workerThreads()).as("inbox threads while deployed").isNotEmpty();
    } finally {
      server.close();
    }
    assertThat(workerThreads()).as("inbox threads left after destroy()").isEmpty();
  }

  @Test
  void failsDeploymentNamingTheInitParamWhenNoDataSourceIsBoundUnderTheName() throws Exception {
    String error = failedDeploymentError(webapp("java:comp/env/jdbc/missing", PREFIX), TestDatabase.fresh(Kind.H2));

    assertThat(error).contains("init-param 'inbox-datasource'").contains("java:comp/env/jdbc/missing");
  }

  @Test
  void failsDeploymentNamingATablePrefixTheInboxRefuses() throws Exception {
    String error = failedDeploymentError(webapp("jdbc/webhooks", "webhooks-"), TestDatabase.fresh(Kind.H2));

    assertThat(error).contains("init-param 'inbox-table-prefix'").contains("webhooks-");
  }

  private Path webapp(String dataSourceName, String tablePrefix) throws Exception {
    Path publicKey = Files.writeString(temporary.resolve("copernica-public-key.pem"), SIGNER.publicKeyPem(),
        StandardCharsets.US_ASCII);
    return Webapps.copy("inbox", Files.createTempDirectory(temporary, "webapp"), Map.of(
        "@PUBLIC_KEY_FILE@", publicKey.toString(),
        "java:comp/env/jdbc/webhooks", dataSourceName,
        "@INBOX_TABLE_PREFIX@", tablePrefix));
  }

  /** A receiver on the same tables without workers, for its inbox operations. */
  private static WebhookReceiver storeOnly(TestDatabase database) {
    return WebhookReceiver.builder()
        .signatureOff()
        .listener(event -> {
          throw new AssertionError("a store-only receiver handles nothing");
        })
        .inbox(InboxSettings.builder(database.dataSource()).tablePrefix(PREFIX).workers(0).build())
        .build();
  }

  private static HttpResponse<String> send(TestServer server, long profile) throws Exception {
    return new CopernicaTestSender(SIGNER).send(server.base().resolve(URI.create("webhooks/copernica")),
        WebhookBodies.profileUpdated().profile(profile).database(12).field("email", "p" + profile + "@example.com")
            .encode());
  }

  /** The stored call of the profile once it is handled, found by the delivery id its listener saw. */
  private static InboxEntry awaitHandled(WebhookReceiver reader, long profile) throws InterruptedException {
    Delivery delivery = await(() -> delivery(profile)).orElseThrow(
        () -> new AssertionError("profile " + profile + " was not handled within " + PATIENCE));
    long id = Long.parseLong(delivery.deliveryId());
    return await(() -> reader.inbox().orElseThrow().find(id)
            .filter(entry -> entry.summary().status() == InboxStatus.HANDLED))
        .orElseThrow(() -> new AssertionError("inbox row " + id + " is not HANDLED: "
            + reader.inbox().orElseThrow().find(id)));
  }

  private static Optional<Delivery> delivery(long profile) {
    return InboxRecordingListener.deliveries().stream()
        .filter(delivery -> ((ProfileEvent) delivery.event()).profileId() == profile)
        .findFirst();
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

  private static List<String> workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(WORKER_THREADS))
        .toList();
  }
}
