package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {

  @BeforeEach
  void clear() {
    RecordingListener.clear();
  }

  @Test
  void staysSynchronousAndRemembersNothingByDefault() throws Exception {
    WebhookReceiver receiver = receiver(unsigned());

    assertThat(receiver.isAsync()).isFalse();
    assertThat(receiver.receive(request(1)).kind()).isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(request(1)).kind()).isEqualTo(Kind.HANDLED);
  }

  @Test
  void treatsZeroAsyncThreadsAsSynchronous() throws Exception {
    assertThat(receiver(unsigned().with("async-threads", "0")).isAsync()).isFalse();
  }

  @Test
  void answers202WhenAsyncThreadsAreSet() throws Exception {
    WebhookReceiver receiver = receiver(unsigned()
        .with("async-threads", "2").with("async-queue-capacity", "10").with("async-shutdown-seconds", "5"));

    WebhookOutcome outcome = receiver.receive(request(5));
    receiver.close();

    assertThat(receiver.isAsync()).isTrue();
    assertThat(outcome.status()).isEqualTo(202);
    assertThat(RecordingListener.events()).hasSize(1);
  }

  @Test
  void answersADuplicate200WithoutDispatchingWhenDeduplicating() throws Exception {
    WebhookReceiver receiver = receiver(unsigned()
        .with("deduplicate", "TRUE").with("deduplicate-window-seconds", "60").with("deduplicate-capacity", "10"));

    assertThat(receiver.receive(request(7)).kind()).isEqualTo(Kind.HANDLED);
    assertThat(receiver.receive(request(7)).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(RecordingListener.events()).hasSize(1);
  }

  @Test
  void failsNamingAWrongResilienceInitParam() {
    assertInitFails(unsigned().with("async-threads", "-1"), "init-param 'async-threads' must be a whole number");
    assertInitFails(unsigned().with("async-threads", "2").with("async-queue-capacity", "0"),
        "init-param 'async-queue-capacity' must be a positive whole number");
    assertInitFails(unsigned().with("deduplicate", "yes"), "init-param 'deduplicate' must be 'true' or 'false'");
    assertInitFails(unsigned().with("deduplicate", "true").with("deduplicate-window-seconds", "x"),
        "init-param 'deduplicate-window-seconds' must be a positive whole number");
  }

  private static TestFilterConfig unsigned() {
    return new TestFilterConfig()
        .with("listener", RecordingListener.class.getName())
        .with("signature", "off");
  }

  private static WebhookReceiver receiver(TestFilterConfig config) throws ServletException {
    return FilterSettings.from(config).receiver();
  }

  private static void assertInitFails(TestFilterConfig config, String fragment) {
    assertThatThrownBy(() -> new CopernicaWebhookFilter().init(config))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(fragment);
  }

  private static WebhookRequest request(long profile) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks")
        .header("Host", "localhost")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("type=update&profile=" + profile + "&database=2&timestamp=2026-11-28+08%3A00%3A00")
            .getBytes(StandardCharsets.US_ASCII))
        .build();
  }

  @Test
  void filterBuiltInCodeRefusesANonPositiveBudget() {
    WebhookReceiver receiver = WebhookReceiver.builder().signatureOff().listener(event -> { }).build();

    assertThatThrownBy(() -> new CopernicaWebhookFilter(receiver, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body budget must be positive");
  }
}
