package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.CopernicaTestSender;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The application on its embedded server, called over HTTP with Copernica's signature. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsumerApplicationTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TestConfiguration(proxyBeanMethods = false)
  static class TrustTheTestSigner {
    @Bean
    PublicKeyResolver testSignerKey() {
      return SIGNER.resolver();
    }
  }

  @LocalServerPort
  private int port;

  @Autowired
  private ProfileHandlers handlers;

  @Test
  void receivesASignedProfileUpdateBindsItsFieldsAndKeepsItAsJson() throws Exception {
    String body = WebhookBodies.profileUpdated()
        .profile(4711)
        .database(12)
        .field("email", "jan@example.nl")
        .field("age", "42")
        .field("birthday", "1983-04-01")
        .encode();

    HttpResponse<String> response = new CopernicaTestSender(SIGNER).send(endpoint("/webhooks/copernica"), body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(handlers.customers()).contains(new Customer("jan@example.nl", 42, LocalDate.of(1983, 4, 1)));
    String json = handlers.journal().get(handlers.journal().size() - 1);
    assertThat(json).contains("\"event\":\"ProfileUpdated\"").contains("\"profileId\":4711");
    assertThat(WebhookEvents.fromJson(json)).isInstanceOfSatisfying(ProfileUpdated.class, update -> {
      assertThat(update.profileId()).isEqualTo(4711);
      assertThat(update.fields().get("email")).contains("jan@example.nl");
    });
  }

  @Test
  void refusesAnUnsignedCall() throws Exception {
    HttpResponse<String> response = CLIENT.send(
        HttpRequest.newBuilder(endpoint("/webhooks/copernica"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(WebhookBodies.profileUpdated().profile(1).encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("signature verification failed");
  }

  @Test
  void bootsOwnJacksonStillWritesTheApplicationsJson() throws Exception {
    HttpResponse<String> response = CLIENT.send(
        HttpRequest.newBuilder(endpoint("/status")).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).matches("\\{\"customers_seen\":\\d+}");
  }

  private URI endpoint(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
