package io.github.copernicawebhooks.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

      String port = context.getEnvironment().getProperty("local.server.port");
      String health = get("http://localhost:" + port + "/actuator/health");
      assertThat(health).contains("\"copernicaWebhooks\":{\"components\":{\"key\":{\"details\":{\"source\":"
          + "\"application\",\"keyId\":\"test._domainkey.copernica.com\"},\"status\":\"UP\"}},\"status\":\"UP\"}");
      assertThat(get("http://localhost:" + port + "/actuator/info"))
          .contains("\"copernicaWebhooks\":{\"version\":\"")
          .contains("\"web\":\"reactive\"")
          .contains("ReactiveHandlers.onProfileUpdate");
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  @Test
  void hasNoServletApiOnItsClassPath() {
    assertThat(getClass().getClassLoader().getResource("jakarta/servlet/Filter.class")).isNull();
  }
}
