package io.github.copernicawebhooks.inbox;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Signed receivers with an inbox on one fresh test database; closes them and the database. Workers poll
 * fast, and retries wait milliseconds, so that tests take milliseconds too.
 */
final class Harness implements AutoCloseable {

  static final WebhookSigner SIGNER = WebhookSigner.generate();
  static final String TIMESTAMP = "&timestamp=2026-11-28+08%3A00%3A00";

  private final TestDatabase database;
  private final List<WebhookReceiver> receivers = new ArrayList<>();
  private final Path spoolDirectory = Spools.createDirectory();

  Harness(TestDatabase.Kind kind) {
    this.database = TestDatabase.create(kind);
  }

  /** The spool directory of this harness's receivers, of its own so that no test drains another's calls. */
  Path spoolDirectory() {
    return spoolDirectory;
  }

  TestDatabase database() {
    return database;
  }

  /** Fast test settings on this database, tables created. */
  InboxSettings.Builder settings() {
    return InboxSettings.builder(database.dataSource())
        .schemaInitialization(SchemaInitialization.ALWAYS)
        .spoolDirectory(spoolDirectory)
        .pollInterval(Duration.ofMillis(50))
        .retryInitialDelay(Duration.ofMillis(20))
        .retryMaxDelay(Duration.ofMillis(200));
  }

  WebhookReceiver receiver(WebhookListener listener) {
    return receiver(listener, UnaryOperator.identity());
  }

  WebhookReceiver receiver(WebhookListener listener, UnaryOperator<InboxSettings.Builder> settings) {
    return receiver(listener, settings.apply(settings()).build(), Duration.ofSeconds(5));
  }

  WebhookReceiver receiver(WebhookListener listener, InboxSettings settings, Duration shutdownTimeout) {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(verifier())
        .listener(listener)
        .shutdownTimeout(shutdownTimeout)
        .inbox(settings)
        .build();
    receivers.add(receiver);
    return receiver;
  }

  static SignatureVerifier verifier() {
    return SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(SIGNER.resolver()).build();
  }

  static WebhookRequest signed(String body) {
    return SIGNER.sign(WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "hooks.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", "session=secret")
        .remoteAddress("192.0.2.7")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .build());
  }

  static WebhookRequest unsigned(String body) {
    return WebhookRequest.builder()
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  static String profileUpdate(long profile) {
    return "type=update&profile=" + profile + "&database=12" + TIMESTAMP + "&fields%5Bemail%5D=a%40example.com";
  }

  static String subprofileUpdate(long subprofile) {
    return "type=update&subprofile=" + subprofile + "&profile=3&database=12&collection=7" + TIMESTAMP;
  }

  static String emailOpened(String messageId) {
    return "type=open&id=" + messageId + "&profile=5&recipient=a%40example.com" + TIMESTAMP;
  }

  long rows() {
    return database.number("SELECT COUNT(*) FROM copernica_webhooks_inbox");
  }

  long rows(InboxStatus status) {
    return database.number("SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE status = ?", status.name());
  }

  @Override
  public void close() {
    for (WebhookReceiver receiver : receivers) {
      receiver.close();
    }
    database.close();
    Spools.delete(spoolDirectory);
  }
}
