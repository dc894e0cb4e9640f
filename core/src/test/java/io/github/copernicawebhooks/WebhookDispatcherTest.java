package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.event.ProfileCreated;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileDeleted;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.SubprofileUpdated;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

  private final List<String> calls = new ArrayList<>();

  @Test
  void callsEveryMatchingHandlerInRegistrationOrder() throws Exception {
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(WebhookEvent.class, event -> calls.add("any"))
        .on(ProfileUpdated.class, update -> calls.add("update " + update.profileId()))
        .on(ProfileEvent.class, event -> calls.add("profile family"))
        .on(ProfileUpdated.class, update -> calls.add("update again"))
        .build();

    dispatcher.onEvent(Events.profileUpdate(42));

    assertThat(calls).containsExactly("any", "update 42", "profile family", "update again");
  }

  @Test
  void passesTheCallToHandlersThatTakeItAndForgetsItForTheOthers() throws Exception {
    WebhookRequest request = WebhookRequest.builder().method("POST").target("/hooks?tenant=7").build();
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(ProfileUpdated.class, new WebhookDispatcher.Handler<ProfileUpdated>() {
          @Override
          public void handle(ProfileUpdated update) {
            calls.add("without the call");
          }

          @Override
          public void handle(ProfileUpdated update, WebhookRequest call) {
            calls.add("from " + call.target());
          }
        })
        .on(ProfileEvent.class, event -> calls.add("plain"))
        .build();

    dispatcher.onEvent(Events.profileUpdate(42), request);
    dispatcher.onEvent(Events.profileUpdate(42));

    assertThat(calls).containsExactly("from /hooks?tenant=7", "plain", "without the call", "plain");
  }

  @Test
  void callsFamilyHandlerForEveryMemberOfTheFamily() throws Exception {
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(SubprofileEvent.class, event -> calls.add(event.getClass().getSimpleName() + " " + event.subprofileId()))
        .build();

    dispatcher.onEvent(Events.subprofileUpdate(7));
    dispatcher.onEvent(Events.subprofileDelete(8));
    dispatcher.onEvent(Events.profileUpdate(9));

    assertThat(calls).containsExactly("SubprofileUpdated 7", "SubprofileDeleted 8");
  }

  @Test
  void callsUnknownHandlerOnlyForUnknownEvents() throws Exception {
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .onUnknown(unknown -> calls.add("unknown " + unknown.type()))
        .build();

    dispatcher.onEvent(Events.unknown("sneeze"));
    dispatcher.onEvent(Events.profileCreate(1));

    assertThat(calls).containsExactly("unknown sneeze");
  }

  @Test
  void ignoresEventThatNoHandlerMatches() throws Exception {
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(ProfileCreated.class, created -> calls.add("created"))
        .build();

    dispatcher.onEvent(Events.subprofileDelete(3));

    assertThat(calls).isEmpty();
  }

  @Test
  void stopsAtTheFirstHandlerThatThrowsAndPropagatesItsException() {
    IllegalStateException failure = new IllegalStateException("database down");
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(ProfileUpdated.class, update -> calls.add("first"))
        .on(ProfileUpdated.class, update -> {
          throw failure;
        })
        .on(ProfileUpdated.class, update -> calls.add("third"))
        .build();

    assertThatThrownBy(() -> dispatcher.onEvent(Events.profileUpdate(1))).isSameAs(failure);
    assertThat(calls).containsExactly("first");
  }

  @Test
  void passesCheckedExceptionsOfHandlersOn() {
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(UnknownEvent.class, unknown -> {
          throw new java.io.IOException("disk full");
        })
        .build();

    assertThatThrownBy(() -> dispatcher.onEvent(Events.unknown("x"))).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void tellsWhichEventClassesItHandles() {
    WebhookDispatcher dispatcher = WebhookDispatcher.builder()
        .on(SubprofileEvent.class, event -> calls.add("subprofile"))
        .build();

    assertThat(dispatcher.handles(SubprofileDeleted.class)).isTrue();
    assertThat(dispatcher.handles(SubprofileUpdated.class)).isTrue();
    assertThat(dispatcher.handles(ProfileUpdated.class)).isFalse();
    assertThat(dispatcher.handles(UnknownEvent.class)).isFalse();
  }

  @Test
  void refusesToBuildWithoutAnyHandler() {
    assertThatThrownBy(() -> WebhookDispatcher.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no handler registered");
  }
}
