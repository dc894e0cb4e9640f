package io.github.copernicawebhooks.console;

import static io.github.copernicawebhooks.console.ConsoleFixture.get;
import static io.github.copernicawebhooks.console.ConsoleFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each kind of outcome has its own ring, so a flood of one kind cannot push out the calls of another. */
class RecentCallsRingsTest {

  @Test
  void fiveHundredJunkCallsLeaveTheEarlierSignatureRefusalListed() {
    ConsoleFixture fixture = new ConsoleFixture();
    fixture.receiver.receive(fixture.signedBy(ConsoleFixture.SIGNER.withAccountId("account_9999"),
        ConsoleFixture.profileUpdate(4712)));
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(4711)));
    for (int junk = 0; junk < RecentCalls.DEFAULT_CAPACITY; junk++) {
      fixture.receiver.receive(ConsoleFixture.unsigned("junk=" + junk));
    }

    JsonNode oldest = json(fixture.console().handle(get("/api/calls", "offset",
        Integer.toString(RecentCalls.DEFAULT_CAPACITY))));

    assertThat(oldest.get("total").asLong()).isEqualTo(RecentCalls.DEFAULT_CAPACITY + 2L);
    assertThat(outcomes(oldest)).containsExactly("handled", "refused");
    assertThat(reasons(oldest)).containsExactly("", "ACCOUNT_UNKNOWN");
    assertThat(json(fixture.console().handle(get("/api/calls/m1"))).get("call").get("reason").asString())
        .isEqualTo("ACCOUNT_UNKNOWN");
  }

  @Test
  void eachKindKeepsItsOwnNewestCallsAndTheListStaysNewestFirst() {
    RecentCalls recent = RecentCalls.builder().capacity(2).build();
    ConsoleFixture fixture = new ConsoleFixture(recent);
    fixture.receiver.receive(fixture.signedBy(ConsoleFixture.SIGNER.withAccountId("account_9999"), "type=update"));
    fixture.receiver.receive(fixture.signed("type=update&profile=notanumber&timestamp=2026-11-28+08%3A00%3A00"));
    fixture.receiver.receive(withMethod("PUT"));
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(ConsoleFixture.FAILING_PROFILE)));
    for (int profile = 1; profile <= 5; profile++) {
      fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(profile)));
    }
    for (int junk = 0; junk < 5; junk++) {
      fixture.receiver.receive(ConsoleFixture.unsigned("junk=" + junk));
    }

    List<RecordedCall> calls = recent.newestFirst();

    assertThat(calls).extracting(RecordedCall::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(calls).extracting(call -> call.reason().orElse(null))
        .contains(Reason.ACCOUNT_UNKNOWN, Reason.INVALID_VARIABLE, Reason.METHOD_NOT_ALLOWED);
    assertThat(calls).filteredOn(call -> call.outcome() == Outcome.FAILED).hasSize(1);
    assertThat(calls).filteredOn(call -> call.outcome() == Outcome.HANDLED)
        .extracting(call -> call.ids().profile().getAsLong()).containsExactly(5L, 4L);
    assertThat(calls).filteredOn(call -> call.reason().equals(Optional.of(Reason.SIGNATURE_MISSING)))
        .hasSize(2);
    assertThat(recent.find(1)).isPresent();
    assertThat(recent.find(5)).isEmpty();
  }

  @Test
  void aQueuedCallThatFailsLaterMovesToTheRingOfFailures() {
    RecentCalls recent = RecentCalls.builder().capacity(1).build();
    ConsoleFixture fixture = new ConsoleFixture(recent);
    WebhookRequest first = fixture.signed(ConsoleFixture.profileUpdate(1));
    WebhookRequest second = fixture.signed(ConsoleFixture.profileUpdate(2));

    recent.answered(first, accepted(1), Optional.empty());
    recent.handledLater(first, event(1), Optional.of(new IllegalStateException("boom")));
    recent.answered(second, accepted(2), Optional.empty());

    assertThat(recent.newestFirst()).extracting(RecordedCall::outcome).containsExactly(Outcome.QUEUED, Outcome.FAILED);
  }

  @Test
  void theRecordHasTheEightKindsItsCapacityDocuments() {
    assertThat(CallKind.values()).hasSize(8);
  }

  @Test
  void purgeForgetsMatchingCallsInEveryRing() {
    ConsoleFixture fixture = new ConsoleFixture(RecentCalls.builder().capacity(3).build());
    fixture.receiver.receive(fixture.signedBy(ConsoleFixture.SIGNER.withAccountId("account_9999"), "type=update"));
    fixture.receiver.receive(fixture.signed(ConsoleFixture.profileUpdate(1)));
    fixture.receiver.receive(ConsoleFixture.unsigned("junk=1"));

    int purged = fixture.recent.purge(call -> call.outcome() == Outcome.REFUSED);

    assertThat(purged).isEqualTo(2);
    assertThat(fixture.recent.newestFirst()).extracting(RecordedCall::outcome).containsExactly(Outcome.HANDLED);
    assertThat(fixture.recent.find(1)).isEmpty();
  }

  private static WebhookEvent event(long profile) {
    return WebhookParser.create().parse(ConsoleFixture.profileUpdate(profile));
  }

  private static WebhookOutcome accepted(long profile) {
    return new WebhookOutcome(Kind.ACCEPTED, "accepted", Optional.of(event(profile)), Optional.empty(), Map.of());
  }

  private static WebhookRequest withMethod(String method) {
    return WebhookRequest.builder().method(method).target("/webhooks/copernica")
        .body("x".getBytes(StandardCharsets.UTF_8)).build();
  }

  private static List<String> reasons(JsonNode page) {
    List<String> reasons = new ArrayList<>();
    page.get("calls").forEach(call -> reasons.add(call.path("reason").asString("")));
    return reasons;
  }

  private static List<String> outcomes(JsonNode page) {
    List<String> outcomes = new ArrayList<>();
    page.get("calls").forEach(call -> outcomes.add(call.get("outcome").asString()));
    return outcomes;
  }
}
