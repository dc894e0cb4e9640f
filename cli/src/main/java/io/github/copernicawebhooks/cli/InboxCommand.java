package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxEntry;
import io.github.copernicawebhooks.inbox.InboxOperations;
import io.github.copernicawebhooks.inbox.InboxPage;
import io.github.copernicawebhooks.inbox.InboxQuery;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.InboxStatus;
import io.github.copernicawebhooks.inbox.InboxSummary;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The events in a receiver's inbox, through {@link InboxOperations}: list them, show one, retry a failed
 * or dead one. It never handles events itself: {@code retry} makes the event due, and the application's
 * own workers handle it.
 */
@Command(name = "inbox", mixinStandardHelpOptions = true,
    description = {
        "Lists, shows and retries the events in a receiver's inbox database.",
        "The jar holds the PostgreSQL and H2 drivers; for another database run the Main class with its driver",
        "on the class path. `retry` makes the event due: the application's workers handle it."
    })
final class InboxCommand {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Option(names = "--jdbc-url", required = true, paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "The inbox database, for example jdbc:postgresql://db/app.")
  @SuppressWarnings("NullAway.Init")
  String jdbcUrl;

  @Option(names = "--user", paramLabel = "NAME", scope = ScopeType.INHERIT, description = "The database user.")
  @Nullable String user;

  @Option(names = "--password", paramLabel = "SECRET", scope = ScopeType.INHERIT, interactive = true,
      arity = "0..1", description = "The database password (asked for when given without a value).")
  @Nullable String password;

  @Option(names = "--table-prefix", paramLabel = "PREFIX", scope = ScopeType.INHERIT,
      defaultValue = InboxSettings.DEFAULT_TABLE_PREFIX,
      description = "The prefix of the inbox tables (default: ${DEFAULT-VALUE}).")
  String tablePrefix = InboxSettings.DEFAULT_TABLE_PREFIX;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists events, newest first.")
  int list(
      @Option(names = "--status", paramLabel = "STATUS", split = ",",
          description = "Only these statuses: ${COMPLETION-CANDIDATES} (default: all).") @Nullable Set<InboxStatus> statuses,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N events (default: 50).")
          int limit) {
    InboxQuery query = InboxQuery.all().withLimit(limit)
        .withStatuses(statuses == null || statuses.isEmpty() ? EnumSet.allOf(InboxStatus.class) : statuses);
    try (WebhookReceiver receiver = receiver()) {
      InboxPage page = operations(receiver).list(query);
      PrintWriter out = spec.commandLine().getOut();
      page.entries().forEach(entry -> out.println(line(entry)));
      out.println(page.entries().size() + " of " + page.total() + " events");
      out.flush();
    }
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one event: its call and attempts.")
  int show(@Parameters(paramLabel = "ID", description = "The event's id.") long id) {
    try (WebhookReceiver receiver = receiver()) {
      PrintWriter out = spec.commandLine().getOut();
      InboxEntry entry = operations(receiver).find(id).orElse(null);
      if (entry == null) {
        spec.commandLine().getErr().println("no event " + id);
        return 1;
      }
      out.println(line(entry.summary()));
      out.println(entry.method() + " " + entry.target());
      entry.headers().forEach((name, values) -> values.forEach(value -> out.println(name + ": " + value)));
      out.println();
      out.println(new String(entry.body(), StandardCharsets.UTF_8));
      entry.attempts().forEach(attempt -> out.println("attempt " + attempt.number() + " at " + attempt.startedAt()
          + (attempt.succeeded() ? ": handled" : ": failed: " + attempt.error().orElse(""))));
      out.flush();
    }
    return 0;
  }

  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Makes failed or dead events pending and due now, for the application's workers.")
  int retry(@Parameters(paramLabel = "ID", arity = "1..*", description = "The events' ids.") List<Long> ids) {
    int refused = 0;
    try (WebhookReceiver receiver = receiver()) {
      InboxOperations inbox = operations(receiver);
      for (long id : ids) {
        boolean retried = inbox.retryNow(id);
        refused += retried ? 0 : 1;
        spec.commandLine().getOut().println(id + (retried ? ": pending, due now" : ": not retried (not failed or dead, "
            + "or its body is gone)"));
      }
      spec.commandLine().getOut().flush();
    }
    return refused == 0 ? 0 : 1;
  }

  private static String line(InboxSummary entry) {
    return entry.id() + "  " + entry.status() + "  " + entry.receivedAt() + "  " + entry.eventType()
        + "  attempts " + entry.attempts() + entry.lastError().map(error -> "  " + error).orElse("");
  }

  /** A receiver that is never started: its workers do not run, only its inbox operations are used. */
  private WebhookReceiver receiver() {
    InboxSettings settings = InboxSettings.builder(new JdbcUrlDataSource(jdbcUrl, user, password))
        .tablePrefix(tablePrefix)
        .schemaInitialization(SchemaInitialization.NEVER)
        .spool(false)
        .autoStart(false)
        .build();
    return WebhookReceiver.builder()
        // Never asked (the receiver takes no calls): a verifier rather than signatureOff(), which warns.
        .verifier(SignatureVerifier.builder().accountIds("none").keyResolver(PublicKeyResolver.dns()).build())
        .listener(event -> {
          throw new IllegalStateException("the command-line tool handles no events");
        })
        .inbox(settings)
        .build();
  }

  private static InboxOperations operations(WebhookReceiver receiver) {
    return receiver.inbox().orElseThrow();
  }
}
