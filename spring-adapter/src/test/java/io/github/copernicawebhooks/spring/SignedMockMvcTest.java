package io.github.copernicawebhooks.spring;

import static io.github.copernicawebhooks.testkit.spring.CopernicaWebhookRequestPostProcessors.copernicaSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** A test of an application's webhook handler, written the way a user of the SDK would write it. */
@SpringBootTest(
    classes = SignedMockMvcTest.App.class,
    properties = "copernica.webhooks.account-ids=" + WebhookSigner.DEFAULT_ACCOUNT_ID)
@AutoConfigureMockMvc
class SignedMockMvcTest {

  static final WebhookSigner signer = WebhookSigner.generate();

  @Autowired
  MockMvc mockMvc;

  @Autowired
  NewsletterHandler handler;

  @BeforeEach
  void forgetEarlierUpdates() {
    handler.updates.clear();
  }

  @Test
  void handlesASignedProfileUpdate() throws Exception {
    String body = WebhookBodies.profileUpdated().profile(4711).database(12).field("email", "jan@example.nl").encode();

    mockMvc.perform(post("/webhooks/copernica").with(copernicaSigned(signer)).content(body))
        .andExpect(status().isOk());

    assertThat(handler.updates).singleElement().satisfies(update -> {
      assertThat(update.profileId()).isEqualTo(4711);
      assertThat(update.fields().get("email")).contains("jan@example.nl");
    });
  }

  @Test
  void refusesAnUnsignedCall() throws Exception {
    mockMvc.perform(post("/webhooks/copernica").contentType("application/x-www-form-urlencoded").content(TestEvents.PROFILE_UPDATED))
        .andExpect(status().isUnauthorized())
        .andExpect(content().string("signature verification failed"));

    assertThat(handler.updates).isEmpty();
  }

  @Test
  void refusesACallSignedWithAnUntrustedKey() throws Exception {
    mockMvc.perform(post("/webhooks/copernica").with(copernicaSigned(WebhookSigner.generate())).content(TestEvents.PROFILE_UPDATED))
        .andExpect(status().isUnauthorized());

    assertThat(handler.updates).isEmpty();
  }

  @Test
  void signsTheQueryStringAndAnotherHostToo() throws Exception {
    mockMvc.perform(post("/webhooks/copernica?source=crm").with(copernicaSigned(signer).host("hooks.example.com"))
            .content(TestEvents.PROFILE_UPDATED))
        .andExpect(status().isOk());

    assertThat(handler.updates).hasSize(1);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(NewsletterHandler.class)
  static class App {
    @Bean
    PublicKeyResolver trustTheTestSigner() {
      return signer.knownKeyResolver();
    }
  }

  static class NewsletterHandler {
    final List<ProfileUpdated> updates = new CopyOnWriteArrayList<>();

    @CopernicaWebhookHandler
    void onUpdate(ProfileUpdated update) {
      updates.add(update);
    }
  }
}
