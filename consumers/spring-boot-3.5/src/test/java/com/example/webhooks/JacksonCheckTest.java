package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With the jackson-annotations the pom declares the application starts; with Boot 3.5's own (2.19, as
 * {@code .ci/consumers.sh} runs it a second time) it refuses to start, and Boot's report names the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class JacksonCheckTest {

  @Test
  void startsWithTheAnnotationsJacksonNeedsAndOtherwiseRefusesNamingTheFix(CapturedOutput output) {
    SpringApplication application = new SpringApplication(ConsumerApplication.class);
    String annotations = JsonProperty.class.getPackage().getImplementationVersion();

    if (annotations.startsWith("2.19.")) {
      assertThatThrownBy(() -> application.run("--server.port=0"))
          .hasStackTraceContaining("NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs");
      assertThat(output.getOut() + output.getErr())
          .contains("APPLICATION FAILED TO START")
          .contains("needs com.fasterxml.jackson.core:jackson-annotations 2.23 or later, but the class path has 2.19.")
          .contains("Action:")
          .contains("<artifactId>jackson-annotations</artifactId>")
          .contains("<version>2.23</version>");
    } else {
      try (ConfigurableApplicationContext context = application.run("--server.port=0")) {
        assertThat(context.isRunning()).isTrue();
        assertThat(annotations).isEqualTo("2.23");
      }
    }
  }
}
