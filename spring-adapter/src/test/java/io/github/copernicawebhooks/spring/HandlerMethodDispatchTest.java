package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.event.ProfileCreated;
import io.github.copernicawebhooks.event.ProfileDeleted;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.SubprofileCreated;
import io.github.copernicawebhooks.event.SubprofileDeleted;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.SubprofileUpdated;
import io.github.copernicawebhooks.event.UnknownEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

class HandlerMethodDispatchTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.signature.mode=off")
      .withBean(Calls.class);

  @Test
  void selectsMethodsByConcreteTypeFamilyAndAll() {
    runner.withBean(TypedHandlers.class).run(context -> {
      assertThat(callsFor(context, TestEvents.PROFILE_CREATED)).containsExactlyInAnyOrder("profile", "created", "all");
      assertThat(callsFor(context, TestEvents.PROFILE_UPDATED)).containsExactlyInAnyOrder("profile", "updated", "all");
      assertThat(callsFor(context, TestEvents.PROFILE_DELETED)).containsExactlyInAnyOrder("profile", "deleted", "all");
      assertThat(callsFor(context, TestEvents.SUBPROFILE_CREATED)).containsExactlyInAnyOrder("subprofile", "subprofileCreated", "all");
      assertThat(callsFor(context, TestEvents.SUBPROFILE_UPDATED)).containsExactlyInAnyOrder("subprofile", "subprofileUpdated", "all");
      assertThat(callsFor(context, TestEvents.SUBPROFILE_DELETED)).containsExactlyInAnyOrder("subprofile", "subprofileDeleted", "all");
      assertThat(callsFor(context, TestEvents.UNKNOWN)).containsExactlyInAnyOrder("unknown", "all");
    });
  }

  @Test
  void runsMethodsOfSeveralBeansInTheOrderOfTheirOrderAnnotations() {
    runner.withBean(LateHandlers.class).withBean(EarlyHandlers.class).run(context ->
        assertThat(callsFor(context, TestEvents.PROFILE_UPDATED)).containsExactly("first", "second", "third", "unordered"));
  }

  @Test
  void filtersByDatabaseAndCollection() {
    runner.withBean(FilteredHandlers.class).run(context -> {
      assertThat(callsFor(context, TestEvents.profileUpdatedIn(12, 1))).containsExactlyInAnyOrder("db12", "db12or13");
      assertThat(callsFor(context, TestEvents.profileUpdatedIn(13, 1))).containsExactly("db12or13");
      assertThat(callsFor(context, TestEvents.profileUpdatedIn(14, 1))).isEmpty();
      assertThat(callsFor(context, TestEvents.SUBPROFILE_CREATED)).containsExactlyInAnyOrder("db12", "db12or13", "collection7");
      assertThat(callsFor(context, TestEvents.SUBPROFILE_UPDATED)).containsExactlyInAnyOrder("db12", "db12or13", "db12collection8");
    });
  }

  @Test
  void callsPackagePrivateMethodsThroughTheProxyOfTheirBean() {
    AtomicInteger intercepted = new AtomicInteger();
    runner.withBean(TypedHandlers.class)
        .withBean("countingProxies", BeanPostProcessor.class, () -> new CountingProxies(intercepted))
        .run(context -> {
          assertThat(org.springframework.aop.support.AopUtils.isCglibProxy(context.getBean(TypedHandlers.class))).isTrue();
          assertThat(callsFor(context, TestEvents.PROFILE_UPDATED)).containsExactlyInAnyOrder("profile", "updated", "all");
          assertThat(intercepted).hasValue(3);
        });
  }

  @Test
  void propagatesTheHandlersOwnExceptionAndSkipsTheMethodsAfterIt() {
    runner.withBean(FailingHandlers.class).run(context -> {
      HandlerMethodDispatcher dispatcher = context.getBean(HandlerMethodDispatcher.class);
      assertThatThrownBy(() -> dispatcher.onEvent(TestEvents.parse(TestEvents.PROFILE_UPDATED)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("crm is down");
      assertThat(context.getBean(Calls.class).list).containsExactly("before");
    });
  }

  @Test
  void publishesEventsToEventListenersWhenAsked() {
    runner.withBean(BridgeListener.class).withPropertyValues("copernica.webhooks.publish-application-events=true")
        .run(context -> {
          assertThat(callsFor(context, TestEvents.PROFILE_UPDATED)).containsExactly("listener:ProfileUpdated");
          assertThat(callsFor(context, TestEvents.SUBPROFILE_DELETED)).containsExactly("listener:SubprofileDeleted");
        });
  }

  @Test
  void publishesNoApplicationEventsByDefault() {
    runner.withBean(BridgeListener.class).run(context ->
        assertThat(callsFor(context, TestEvents.PROFILE_UPDATED)).isEmpty());
  }

  @Test
  void failsStartupForAMethodWithTwoEventParameters() {
    assertStartupFailure(TwoEvents.class, "TwoEvents.on(ProfileUpdated, ProfileEvent) declares two event parameters");
  }

  @Test
  void failsStartupForAMethodWithoutEventParameter() {
    assertStartupFailure(NoEvent.class, "NoEvent.on() has no event parameter");
  }

  @Test
  void failsStartupForAMethodWithAnotherParameter() {
    assertStartupFailure(OtherParameter.class,
        "OtherParameter.on(ProfileUpdated, String) has parameter 1 of type java.lang.String, which is neither");
  }

  @Test
  void failsStartupForAMethodThatReturnsAValue() {
    assertStartupFailure(ReturnsValue.class, "ReturnsValue.on(ProfileUpdated) must return void or Mono<Void>, not String");
  }

  @Test
  void failsStartupForAMethodThatReturnsAMonoOfAValue() {
    assertStartupFailure(ReturnsMonoOfValue.class,
        "ReturnsMonoOfValue.on(ProfileUpdated) must return void or Mono<Void>, not Mono<String>");
  }

  @Test
  void waitsForTheMonoOfAMethodAndRethrowsTheHandlersOwnException() {
    runner.withBean(MonoHandlers.class).run(context -> {
      HandlerMethodDispatcher dispatcher = context.getBean(HandlerMethodDispatcher.class);
      assertThat(callsFor(context, TestEvents.PROFILE_CREATED)).containsExactly("created later");

      assertThatThrownBy(() -> dispatcher.onEvent(TestEvents.parse(TestEvents.PROFILE_UPDATED)))
          .isInstanceOf(java.io.IOException.class)
          .hasMessage("crm is down");
    });
  }

  @Test
  void failsStartupForAStaticMethod() {
    assertStartupFailure(StaticMethod.class, "StaticMethod.on(ProfileUpdated) must not be static");
  }

  @Test
  void failsStartupForACollectionFilterOnProfileEvents() {
    assertStartupFailure(CollectionOnProfiles.class,
        "CollectionOnProfiles.on(ProfileEvent) filters on collection, but ProfileEvent events carry no collection");
  }

  @Test
  void passesTheVerifiedRequestToAMethodThatTakesIt() {
    runner.withBean(TakesRequest.class).run(context -> {
      assertThat(context).hasNotFailed();
      Calls calls = context.getBean(Calls.class);
      io.github.copernicawebhooks.WebhookRequest request = io.github.copernicawebhooks.WebhookRequest.builder()
          .target("/webhooks/copernica?source=test")
          .header("X-Copernica-ID", "account_1234")
          .build();

      context.getBean(HandlerMethodDispatcher.class).onEvent(TestEvents.parse(TestEvents.PROFILE_UPDATED), request);

      assertThat(calls.list).containsExactly("/webhooks/copernica?source=test account_1234");
    });
  }

  @Test
  void refusesToCallAMethodThatTakesTheRequestWhenDispatchedWithoutOne() {
    runner.withBean(TakesRequest.class).run(context -> {
      HandlerMethodDispatcher dispatcher = context.getBean(HandlerMethodDispatcher.class);

      assertThatThrownBy(() -> dispatcher.onEvent(TestEvents.parse(TestEvents.PROFILE_UPDATED)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("takes the WebhookRequest, but the receiver did not pass it");
      assertThat(context.getBean(Calls.class).list).isEmpty();
    });
  }

  private void assertStartupFailure(Class<?> handlers, String message) {
    runner.withBean(handlers).run(context -> assertThat(context).getFailure()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("@CopernicaWebhookHandler method " + HandlerMethodDispatchTest.class.getName() + "$")
        .hasMessageContaining(message));
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

  static class TypedHandlers {
    private final Calls calls;

    TypedHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    void created(ProfileCreated event) {
      calls.list.add("created");
    }

    @CopernicaWebhookHandler
    void updated(ProfileUpdated event) {
      calls.list.add("updated");
    }

    @CopernicaWebhookHandler
    void deleted(ProfileDeleted event) {
      calls.list.add("deleted");
    }

    @CopernicaWebhookHandler
    void profile(ProfileEvent event) {
      calls.list.add("profile");
    }

    @CopernicaWebhookHandler
    void subprofileCreated(SubprofileCreated event) {
      calls.list.add("subprofileCreated");
    }

    @CopernicaWebhookHandler
    void subprofileUpdated(SubprofileUpdated event) {
      calls.list.add("subprofileUpdated");
    }

    @CopernicaWebhookHandler
    void subprofileDeleted(SubprofileDeleted event) {
      calls.list.add("subprofileDeleted");
    }

    @CopernicaWebhookHandler
    void subprofile(SubprofileEvent event) {
      calls.list.add("subprofile");
    }

    @CopernicaWebhookHandler
    void unknown(UnknownEvent event) {
      calls.list.add("unknown");
    }

    @CopernicaWebhookHandler
    void all(WebhookEvent event) {
      calls.list.add("all");
    }

    void notAHandler(ProfileUpdated event) {
      calls.list.add("notAHandler");
    }
  }

  static class LateHandlers {
    private final Calls calls;

    LateHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    void unordered(ProfileUpdated event) {
      calls.list.add("unordered");
    }

    @CopernicaWebhookHandler
    @Order(30)
    void third(ProfileEvent event) {
      calls.list.add("third");
    }

    @CopernicaWebhookHandler
    @Order(10)
    void first(WebhookEvent event) {
      calls.list.add("first");
    }
  }

  static class EarlyHandlers {
    private final Calls calls;

    EarlyHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(20)
    void second(ProfileUpdated event) {
      calls.list.add("second");
    }
  }

  static class FilteredHandlers {
    private final Calls calls;

    FilteredHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler(database = 12)
    void db12(WebhookEvent event) {
      calls.list.add("db12");
    }

    @CopernicaWebhookHandler(database = {12, 13})
    void db12or13(WebhookEvent event) {
      calls.list.add("db12or13");
    }

    @CopernicaWebhookHandler(collection = 7)
    void collection7(WebhookEvent event) {
      calls.list.add("collection7");
    }

    @CopernicaWebhookHandler(database = 12, collection = 8)
    void db12collection8(SubprofileEvent event) {
      calls.list.add("db12collection8");
    }
  }

  static class FailingHandlers {
    private final Calls calls;

    FailingHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    @Order(1)
    void before(ProfileUpdated event) {
      calls.list.add("before");
    }

    @CopernicaWebhookHandler
    @Order(2)
    void fail(ProfileUpdated event) {
      throw new IllegalStateException("crm is down");
    }

    @CopernicaWebhookHandler
    @Order(3)
    void after(ProfileUpdated event) {
      calls.list.add("after");
    }
  }

  static class BridgeListener {
    private final Calls calls;

    BridgeListener(Calls calls) {
      this.calls = calls;
    }

    @EventListener
    void on(WebhookEvent event) {
      calls.list.add("listener:" + event.getClass().getSimpleName());
    }
  }

  /** Wraps {@link TypedHandlers} in a class-based proxy that counts the calls going through it. */
  static final class CountingProxies implements BeanPostProcessor {
    private final AtomicInteger count;

    CountingProxies(AtomicInteger count) {
      this.count = count;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (!(bean instanceof TypedHandlers)) {
        return bean;
      }
      ProxyFactory factory = new ProxyFactory(bean);
      factory.setProxyTargetClass(true);
      factory.addAdvice((MethodInterceptor) invocation -> {
        count.incrementAndGet();
        return invocation.proceed();
      });
      return factory.getProxy();
    }
  }

  static class TwoEvents {
    @CopernicaWebhookHandler
    void on(ProfileUpdated update, ProfileEvent profile) {}
  }

  static class NoEvent {
    @CopernicaWebhookHandler
    void on() {}
  }

  static class OtherParameter {
    @CopernicaWebhookHandler
    void on(ProfileUpdated update, String extra) {}
  }

  static class ReturnsValue {
    @CopernicaWebhookHandler
    String on(ProfileUpdated update) {
      return "ignored";
    }
  }

  static class ReturnsMonoOfValue {
    @CopernicaWebhookHandler
    reactor.core.publisher.Mono<String> on(ProfileUpdated event) {
      return reactor.core.publisher.Mono.just("done");
    }
  }

  static class MonoHandlers {
    private final Calls calls;

    MonoHandlers(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    reactor.core.publisher.Mono<Void> created(ProfileCreated event) {
      return reactor.core.publisher.Mono.delay(java.time.Duration.ofMillis(50))
          .doOnNext(tick -> calls.list.add("created later"))
          .then();
    }

    @CopernicaWebhookHandler
    reactor.core.publisher.Mono<Void> updated(ProfileUpdated event) {
      return reactor.core.publisher.Mono.error(new java.io.IOException("crm is down"));
    }
  }

  static class StaticMethod {
    @CopernicaWebhookHandler
    static void on(ProfileUpdated update) {}
  }

  static class CollectionOnProfiles {
    @CopernicaWebhookHandler(collection = 7)
    void on(ProfileEvent event) {}
  }

  static class TakesRequest {
    private final Calls calls;

    TakesRequest(Calls calls) {
      this.calls = calls;
    }

    @CopernicaWebhookHandler
    void on(ProfileUpdated update, io.github.copernicawebhooks.WebhookRequest request) {
      calls.list.add(request.target() + " " + request.header("X-Copernica-ID").orElse("?"));
    }
  }
}
