package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.event.ProfileUpdated;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Start-up failures become Boot's "APPLICATION FAILED TO START" report with a Description and an Action. */
@ExtendWith(OutputCaptureExtension.class)
class CopernicaWebhooksFailureAnalyzerTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class));
  private final CopernicaWebhooksFailureAnalyzer analyzer = new CopernicaWebhooksFailureAnalyzer();

  @Test
  void aMissingAccountIdSaysWhichPropertyToSetAndHow() {
    analyzeStartup(runner, analysis -> {
      assertThat(analysis.getDescription()).startsWith("copernica.webhooks.account-ids is not set");
      assertThat(analysis.getAction()).contains("copernica.webhooks.account-ids=account_1234")
          .contains("COPERNICA_WEBHOOKS_ACCOUNT_IDS");
    });
  }

  @Test
  void aValueThePropertiesRefuseNamesThePropertyAndItsRule() {
    analyzeStartup(runner.withPropertyValues("copernica.webhooks.account-ids=a", "copernica.webhooks.path=hooks"),
        analysis -> {
          assertThat(analysis.getDescription()).isEqualTo(
              "Invalid Copernica webhooks configuration: copernica.webhooks.path must start with '/', got 'hooks'.");
          assertThat(analysis.getAction()).startsWith("Correct copernica.webhooks.path in your configuration");
        });
    analyzeStartup(runner.withPropertyValues("copernica.webhooks.account-ids=a", "copernica.webhooks.async.threads=0"),
        analysis -> assertThat(analysis.getAction()).startsWith("Correct copernica.webhooks.async.threads "));
  }

  @Test
  void aHandlerMethodThatCannotBeCalledIsNamedWithTheShapeItNeeds() {
    analyzeStartup(runner.withPropertyValues("copernica.webhooks.account-ids=a").withBean(ReturnsAValue.class),
        analysis -> {
          assertThat(analysis.getDescription()).isEqualTo("@CopernicaWebhookHandler method "
              + ReturnsAValue.class.getName() + ".onUpdate(ProfileUpdated) must return void or Mono<Void>, not String");
          assertThat(analysis.getAction()).isEqualTo(HandlerSignature.SHAPE);
        });
  }

  @Test
  void anIncompatibleJacksonNamesTheDependencyToDeclare() {
    FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("bean creation failed",
        JacksonCompatibility.failure(new NoClassDefFoundError("com/fasterxml/jackson/annotation/JsonSerializeAs"))));

    assertThat(analysis.getDescription())
        .contains("NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs")
        .contains("needs com.fasterxml.jackson.core:jackson-annotations 2.23 or later, but the class path has 2.23");
    assertThat(analysis.getAction()).contains("<artifactId>jackson-annotations</artifactId>")
        .contains("<version>2.23</version>");
  }

  @Test
  void readsTheAnnotationsVersionJacksonNeedsFromItsManifest() {
    assertThat(JacksonCompatibility.neededAnnotationsVersion()).isEqualTo("2.23");
    assertThat(JacksonCompatibility.annotationsVersion()).isEqualTo("2.23");
  }

  @Test
  void leavesOtherFailuresToBootsAnalyzers() {
    assertThat(analyzer.analyze(new IllegalStateException("copernica.webhooks.path is not ours to explain"))).isNull();
  }

  @Test
  void bootPrintsTheAnalysisWhenTheApplicationFailsToStart(CapturedOutput output) {
    SpringApplication application = new SpringApplication(MinimalApplication.class);
    application.setWebApplicationType(WebApplicationType.REACTIVE);

    assertThatThrownBy(() -> application.run("--server.port=0", "--spring.main.banner-mode=off"))
        .hasStackTraceContaining("copernica.webhooks.account-ids is not set");
    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("Description:\n\ncopernica.webhooks.account-ids is not set")
        .contains("Action:\n\nSet copernica.webhooks.account-ids to your Copernica account id");
  }

  private void analyzeStartup(WebApplicationContextRunner runner, Consumer<FailureAnalysis> check) {
    runner.run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
      assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
      check.accept(analysis);
    });
  }

  static class ReturnsAValue {
    @CopernicaWebhookHandler
    String onUpdate(ProfileUpdated update) {
      return "done";
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class MinimalApplication {}
}
