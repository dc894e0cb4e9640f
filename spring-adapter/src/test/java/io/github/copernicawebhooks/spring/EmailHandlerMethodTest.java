package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.EmailClicked;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.EmailFailed;
import io.github.copernicawebhooks.event.Unsubscribed;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Handler methods for the email events: selection by type and family, and the database filter. */
class EmailHandlerMethodTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.signature.mode=off")
      .withBean(Calls.class);

  @Test
  void selectsEmailMethodsByTypeAndFamily() {
    runner.withBean(EmailHandlers.class).run(context -> {
      assertThat(callsFor(context, WebhookBodies.emailClicked().encode())).containsExactlyInAnyOrder("email", "clicked");
      assertThat(callsFor(context, WebhookBodies.emailFailed().encode())).containsExactlyInAnyOrder("email", "failed");
      assertThat(callsFor(context, WebhookBodies.emailOpened().encode())).containsExactly("email");
      assertThat(callsFor(context, TestEvents.PROFILE_UPDATED)).isEmpty();
    });
  }

  @Test
  void filtersUnsubscribesByDatabase() {
    runner.withBean(UnsubscribeHandlers.class).run(context -> {
      assertThat(callsFor(context, WebhookBodies.unsubscribed().database(12).encode())).containsExactly("db12");
      assertThat(callsFor(context, WebhookBodies.unsubscribed().database(13).encode())).isEmpty();
      assertThat(callsFor(context, WebhookBodies.unsubscribed().encode())).isEmpty();
    });
  }

  @Test
  void failsStartupForADatabaseFilterOnEmailEventsThatCarryNoDatabase() {
    runner.withBean(DatabaseOnClicks.class).run(context -> assertThat(context).getFailure()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DatabaseOnClicks.on(EmailClicked) filters on database, but EmailClicked events carry no database id"));
  }

  private static List<String> callsFor(AssertableWebApplicationContext context, String body) throws Exception {
    assertThat(context).hasNotFailed();
    Calls calls = context.getBean(Calls.class);
    calls.list.clear();
    context.getBean(HandlerMethodDispatcher.class).onEvent(TestEvents.parse(body));
    return new ArrayList<>(calls.list);
  }

  static final class Calls {
    final List<String> list = new CopyOnWriteArrayList<>();
  }

  static class EmailHandlers {
    private final Calls calls;

    EmailHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    void email(EmailEvent event) {
      calls.list.add("email");
    }

    @CopernicaWebhookHandler
    void clicked(EmailClicked click) {
      calls.list.add("clicked");
    }

    @CopernicaWebhookHandler
    void failed(EmailFailed failure) {
      calls.list.add("failed");
    }
  }

  static class UnsubscribeHandlers {
    private final Calls calls;

    UnsubscribeHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler(database = 12)
    void db12(Unsubscribed unsubscribed) {
      calls.list.add("db12");
    }
  }

  static class DatabaseOnClicks {
    @CopernicaWebhookHandler(database = 12)
    void on(EmailClicked click) {}
  }
}
