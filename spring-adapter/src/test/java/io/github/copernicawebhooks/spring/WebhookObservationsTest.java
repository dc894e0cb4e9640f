package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The observations of a servlet call and of the handler methods inside it, with TestObservationRegistry. */
class WebhookObservationsTest {

  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final WebhookObservations observations = new WebhookObservations(registry, new WebhookMetrics(meters));
  private final WebhookEvent event = TestEvents.parse(TestEvents.PROFILE_UPDATED);

  @Test
  void observesACallWithItsOutcomeAndTheHandlerInsideIt() throws Exception {
    WebhookOutcome handled = new WebhookOutcome(Kind.HANDLED, "ok", Optional.of(event), Optional.empty(), Map.of());

    call((request, response) -> {
      handler("Handlers.onUpdate", () -> {});
      request.setAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE, handled);
    });

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo(WebhookObservations.RECEIVE).that()
        .hasBeenStarted().hasBeenStopped()
        .hasContextualNameEqualTo("copernica webhook")
        .hasLowCardinalityKeyValue("outcome", "handled")
        .hasLowCardinalityKeyValue("event", "ProfileUpdated");
    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo(WebhookObservations.HANDLE).that()
        .hasBeenStopped()
        .hasContextualNameEqualTo("Handlers.onUpdate")
        .hasLowCardinalityKeyValue("event", "ProfileUpdated")
        .hasLowCardinalityKeyValue("handler", "Handlers.onUpdate")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasLowCardinalityKeyValue("exception", "none")
        .hasParentObservationContextMatching(parent -> parent.getName().equals(WebhookObservations.RECEIVE));
    assertThat(meters.get(WebhookMetrics.REQUESTS).tags("outcome", "handled", "event", "ProfileUpdated").counter().count())
        .isEqualTo(1.0);
    assertThat(meters.get(WebhookMetrics.HANDLER).tags("handler", "Handlers.onUpdate", "exception", "none").timer().count())
        .isEqualTo(1);
  }

  @Test
  void recordsAFailingHandlersErrorAndTheCallsOutcome() throws Exception {
    WebhookOutcome failed = new WebhookOutcome(
        Kind.HANDLER_FAILED, "handler failed", Optional.of(event), Optional.empty(), Map.of());
    IllegalStateException crmDown = new IllegalStateException("crm is down");

    call((request, response) -> {
      assertThatThrownBy(() -> handler("Handlers.onUpdate", () -> {
        throw crmDown;
      })).isSameAs(crmDown);
      request.setAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE, failed);
    });

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo(WebhookObservations.HANDLE).that()
        .hasLowCardinalityKeyValue("outcome", "failure")
        .hasLowCardinalityKeyValue("exception", "IllegalStateException")
        .assertThatError().isSameAs(crmDown);
    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo(WebhookObservations.RECEIVE).that()
        .hasLowCardinalityKeyValue("outcome", "handler-failed");
  }

  @Test
  void aCallThatEndsWithoutAnOutcomeIsAnInternalErrorWithoutEvent() {
    assertThatThrownBy(() -> call((request, response) -> {
      throw new IllegalStateException("broken before the webhook filter");
    })).isInstanceOf(IllegalStateException.class);

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo(WebhookObservations.RECEIVE).that()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("outcome", "internal-error")
        .hasLowCardinalityKeyValue("event", "none");
  }

  @Test
  void usesTheApplicationsObservationRegistry() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class))
        .withPropertyValues("copernica.webhooks.signature.mode=off")
        .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
        .run(context -> {
          Observation current = context.getBean(WebhookObservations.class).startCall(null);
          current.stop();
          TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
              .hasObservationWithNameEqualTo(WebhookObservations.RECEIVE);
        });
  }

  private void call(jakarta.servlet.FilterChain chain) throws Exception {
    new WebhookMetricsFilter(observations).doFilter(
        new MockHttpServletRequest("POST", "/webhooks/copernica"), new MockHttpServletResponse(), chain);
  }

  /** Runs the invocation as the observed handler {@code name}; its RuntimeException passes through. */
  private void handler(String name, HandlerObserver.Invocation invocation) {
    Method method = org.springframework.util.ReflectionUtils.findMethod(Handlers.class, "onUpdate", ProfileUpdated.class);
    CopernicaWebhookHandler annotation = method.getAnnotation(CopernicaWebhookHandler.class);
    HandlerMethod handler = new HandlerMethod(new DefaultListableBeanFactory(), "handlers", method,
        HandlerSignature.of(method, annotation), annotation, 0);
    assertThat(handler.name()).isEqualTo(name);
    try {
      observations.handlers().invoke(handler, event, invocation);
    } catch (RuntimeException failure) {
      throw failure;
    } catch (Exception checked) {
      throw new IllegalStateException(checked);
    }
  }

  static class Handlers {
    @CopernicaWebhookHandler
    void onUpdate(ProfileUpdated update) {}
  }
}
