package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * The application as a native image runs it: processed ahead of time (bean definitions as generated code,
 * runtime hints), compiled, then started from the generated initializer on Reactor Netty, where it
 * receives a signed call over HTTP and dispatches it to the annotated method.
 */
@CompileWithForkedClassLoader
class AotProcessedApplicationTest {

  static final WebhookSigner SIGNER = WebhookSigner.generate();
  static final List<WebhookEvent> RECEIVED = new CopyOnWriteArrayList<>();

  private static final String[] PROPERTIES = {
    "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID, "server.port=0"};

  @Test
  void anAotProcessedApplicationStartsAndDispatchesASignedCall() {
    AnnotationConfigReactiveWebServerApplicationContext source = new AnnotationConfigReactiveWebServerApplicationContext();
    TestPropertyValues.of(PROPERTIES).applyTo(source);
    source.register(App.class);
    TestGenerationContext generation = new TestGenerationContext();

    ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(source, generation);
    generation.writeGeneratedContent();

    assertThat(invocable(Handlers.class, "onUpdate"))
        .as("@CopernicaWebhookHandler methods are registered for invocation").accepts(generation.getRuntimeHints());
    assertThat(RuntimeHintsPredicates.reflection().onType(ProfileUpdated.class))
        .as("the event records are registered for JSON").accepts(generation.getRuntimeHints());
    assertThat(RuntimeHintsPredicates.reflection().onType(Customer.class))
        .as("the application's binding target").accepts(generation.getRuntimeHints());
    TestCompiler.forSystem().with(generation).compile(compiled -> {
      @SuppressWarnings("unchecked")
      ApplicationContextInitializer<GenericApplicationContext> generated =
          compiled.getInstance(ApplicationContextInitializer.class, initializer.reflectionName());
      try (ReactiveWebServerApplicationContext context = new ReactiveWebServerApplicationContext()) {
        TestPropertyValues.of(PROPERTIES).applyTo(context);
        generated.initialize(context);
        context.refresh();

        HttpResponse<String> response = new CopernicaTestSender(SIGNER).send(
            URI.create("http://localhost:" + context.getWebServer().getPort() + "/webhooks/copernica"),
            TestEvents.PROFILE_UPDATED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RECEIVED).singleElement().isInstanceOfSatisfying(ProfileUpdated.class,
            update -> assertThat(update.profileId()).isEqualTo(4711));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @SuppressWarnings("deprecation") // onMethodInvocation in Spring 7 only
  private static java.util.function.Predicate<org.springframework.aot.hint.RuntimeHints> invocable(
      Class<?> type, String method) {
    return RuntimeHintsPredicates.reflection().onMethod(type, method).invoke();
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
      WebFluxAutoConfiguration.class, CopernicaWebhooksAutoConfiguration.class,
      CopernicaWebhooksReactiveAutoConfiguration.class})
  static class App {

    @Bean
    Handlers handlers() {
      return new Handlers();
    }

    @Bean
    PublicKeyResolver testSignerKey() {
      return SIGNER.resolver();
    }
  }

  static class Handlers {
    @CopernicaWebhookHandler
    @RegisterReflectionForBinding(Customer.class)
    void onUpdate(ProfileUpdated update) {
      Customer customer = update.fields().as(Customer.class);
      assertThat(customer.email()).isEqualTo("jan@example.nl");
      RECEIVED.add(update);
    }
  }

  /** What the handler binds the fields to; a native image needs its binding hints. */
  record Customer(String email) {}
}
