package io.github.copernicawebhooks.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the sample as the README's command does (same main class, default configuration), on a free port. */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxSampleApplicationTest {

  @Test
  void demoSendsItselfOneSignedEventOfEveryTypeAndHandlesEachOnReactorNetty(CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context =
        SpringApplication.run(WebFluxSampleApplication.class, "--server.port=0")) {
      Map<String, Integer> statuses = context.getBean(DemoSender.class).statuses().get(60, TimeUnit.SECONDS);

      assertThat(((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName())
          .isEqualTo("NettyWebServer");
      assertThat(statuses).hasSize(14).containsEntry("ProfileUpdated", 200);
      assertThat(statuses.values()).containsOnly(200);
      assertThat(output.getOut())
          .contains("Copernica webhook endpoint: http://localhost:")
          .contains("ProfileUpdated: profile 4711 changed {city='s-Hertogenbosch}")
          .contains("EmailClicked: message ")
          .contains("UnknownEvent: type ");
    }
  }

  @Test
  void hasNoServletApiOnItsClassPath() {
    assertThat(getClass().getClassLoader().getResource("jakarta/servlet/Filter.class")).isNull();
  }
}
