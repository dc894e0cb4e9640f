package io.github.copernicawebhooks.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookDispatcher;
import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.InboxSummary;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java examples of README.md, compiled and run. The README's Java blocks are copied from
 * here and from the samples; ReadmeSnippetsTest checks that they still are.
 */
class ReadmeExamplesTest {

  /** Copernica's own example of a profile update, as it arrives on the wire. */
  private static final String BODY = "type=update&profile=123&database=1&timestamp=1979-02-12+12%3A49%3A23"
      + "&parameters%5Bmail%5D=johny%2Bnew%40example.com&fields%5Bname%5D=Johny"
      + "&fields%5Bmail%5D=johny%2Bnew%40example.com&interests%5B%5D=blue"
      + "&created=1979-02-12+12%3A49%3A23&modified=1979-02-12+12%3A49%3A23";

  @Test
  void parsesARawBodyInThreeLines() {
    String body = BODY;
    // README: parse
    WebhookEvent event = WebhookParser.create().parse(body);
    ProfileUpdated update = (ProfileUpdated) event;
    assertThat(update.fields().get("mail")).contains("johny+new@example.com");
    // end
    assertThat(update.profileId()).isEqualTo(123);
    assertThat(update.interests()).containsExactly("blue");
  }

  @Test
  void readsEveryPartOfAnEvent() {
    WebhookEvent event = WebhookParser.create().withZone(ZoneId.of("Europe/Amsterdam")).parse(BODY);
    List<String> lines = new ArrayList<>();
    // README: event model
    if (event instanceof ProfileUpdated update) {
      long profile = update.profileId();                         // 123
      long database = update.databaseId().orElseThrow();         // 1
      String mail = update.parameters().get("mail").orElse("");  // what changed
      List<String> interests = update.interests();              // [blue]
      lines.add(profile + " " + database + " " + mail + " " + interests + " " + update.instant());
    } else if (event instanceof SubprofileEvent subprofile) {
      lines.add("subprofile " + subprofile.subprofileId() + " in collection " + subprofile.collectionId());
    } else if (event instanceof UnknownEvent unknown) {
      lines.add("type " + unknown.type() + ": " + unknown.raw());
    }
    // end
    assertThat(lines).containsExactly("123 1 johny+new@example.com [blue] 1979-02-12T11:49:23Z");
  }

  /** A user type for {@code fields().as(...)}. */
  record Customer(String name, String mail) {}

  @Test
  void bindsFieldsToAUserType() {
    ProfileUpdated update = (ProfileUpdated) WebhookParser.create().parse(BODY);
    // README: bind fields
    Customer customer = update.fields().as(Customer.class);
    // end
    assertThat(customer).isEqualTo(new Customer("Johny", "johny+new@example.com"));
  }

  @Test
  void buildsBodiesForTests() {
    // README: build a body
    String body = WebhookBodies.profileUpdated()
        .profile(4711)
        .database(12)
        .field("email", "jan@example.nl")
        .interest("sport")
        .encode();
    // end
    ProfileUpdated update = (ProfileUpdated) WebhookParser.create().parse(body);
    assertThat(update.profileId()).isEqualTo(4711);
    assertThat(update.fields().get("email")).contains("jan@example.nl");
    assertThat(update.interests()).containsExactly("sport");
  }

  @Test
  void receivesASignedCallWithPlainJava() {
    String body = WebhookBodies.profileUpdated().profile(4711).database(12).field("email", "jan@example.nl").encode();
    List<Long> updated = new ArrayList<>();
    List<Long> subprofiles = new ArrayList<>();
    // README: receiver
    WebhookSigner signer = WebhookSigner.generate();
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder()
            .accountIds(signer.accountId())
            .keyResolver(signer.knownKeyResolver())
            .build())
        .listener(WebhookDispatcher.builder()
            .on(ProfileUpdated.class, update -> updated.add(update.profileId()))
            .on(SubprofileEvent.class, event -> subprofiles.add(event.subprofileId()))
            .build())
        .build();

    WebhookRequest request = signer.sign(WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "hooks.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .build());
    WebhookOutcome outcome = receiver.receive(request);   // status 200, message "ok"
    // end
    assertThat(outcome.status()).isEqualTo(200);
    assertThat(updated).containsExactly(4711L);
    assertThat(subprofiles).isEmpty();
  }

  @Test
  void verifiesAgainstCopernicasKeysInProduction() {
    // README: production verifier
    SignatureVerifier verifier = SignatureVerifier.builder()
        .accountIds("account_1234")
        .keyResolver(PublicKeyResolver.dns())
        .build();
    // end
    WebhookRequest call = WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "hooks.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(BODY.getBytes(StandardCharsets.UTF_8))
        .build();
    // all refused before any key is looked up in DNS: this verifier knows its account and Copernica's domain
    assertThat(reasonOf(() -> verifier.verify(call))).isEqualTo(Reason.SIGNATURE_MISSING);
    assertThat(reasonOf(() -> verifier.verify(WebhookSigner.generate("account_999").sign(call))))
        .isEqualTo(Reason.ACCOUNT_UNKNOWN);
    assertThat(reasonOf(() -> verifier.verify(
            WebhookSigner.generate("account_1234").withKeyId("key._domainkey.example.com").sign(call))))
        .isEqualTo(Reason.KEY_ID_INVALID);
  }

  private static Reason reasonOf(Runnable verification) {
    try {
      verification.run();
    } catch (WebhookException refused) {
      return refused.reason();
    }
    throw new AssertionError("the call was not refused");
  }

  @Test
  void writesEventsAsJsonAndBack() {
    WebhookEvent event = WebhookParser.create().parse(BODY);
    // README: json
    String json = WebhookEvents.toJson(event);
    WebhookEvent again = WebhookEvents.fromJson(json);
    // end
    assertThat(again).isEqualTo(event);
    assertThat(json).contains("\"profileId\":123");
    assertThat(again).isInstanceOf(ProfileEvent.class);
  }

  @Test
  void receivesIntoTheInboxWithPlainJava() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:readme;DB_CLOSE_DELAY=-1");
    WebhookSigner signer = WebhookSigner.generate();
    SignatureVerifier verifier =
        SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build();
    String body = WebhookBodies.profileUpdated().profile(4711).database(12).encode();
    WebhookRequest request = signer.sign(WebhookRequest.builder()
        .header("Host", "hooks.example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .build());
    List<Long> updated = new CopyOnWriteArrayList<>();
    // README: inbox
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(verifier)
        .listener(WebhookDispatcher.builder()
            .on(ProfileUpdated.class, update -> updated.add(update.profileId()))
            .build())
        .inbox(InboxSettings.builder(dataSource)                     // your application's DataSource
            .schemaInitialization(SchemaInitialization.ALWAYS)       // or run InboxSchema.script(...) yourself
            .build())
        .build();                                                    // checks the tables, starts the workers

    WebhookOutcome outcome = receiver.receive(request);              // 200 "ok, stored" after the commit
    // end
    assertThat(outcome.kind()).isEqualTo(WebhookOutcome.Kind.STORED);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (updated.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10); // the worker calls the listener on its own thread
    }
    assertThat(updated).containsExactly(4711L);
    // README: inbox operations
    InboxOperations inbox = receiver.inbox().orElseThrow();
    Map<InboxStatus, Long> counts = inbox.countByStatus(Optional.empty());
    for (InboxSummary dead : inbox.list(InboxQuery.all().withStatuses(InboxStatus.DEAD)).entries()) {
      inbox.retryNow(dead.id());                                     // after fixing what made it fail
    }
    receiver.close();                                                // finishes or gives back claimed rows
    // end
    assertThat(counts.get(InboxStatus.DEAD)).isZero();
  }
}
