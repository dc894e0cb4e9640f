package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

  @Test
  void looksHeadersUpCaseInsensitivelyWithEveryValue() {
    WebhookRequest request = WebhookRequest.builder()
        .header("X-Nonce", "a")
        .header("x-nonce", "b")
        .build();

    assertThat(request.header("X-NONCE")).contains("a");
    assertThat(request.headers("x-Nonce")).containsExactly("a", "b");
    assertThat(request.header("Date")).isEmpty();
  }

  @Test
  void withBodyKeepsTheHeadAndReplacesOnlyTheBody() {
    WebhookRequest head = WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica?x=1")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .remoteAddress("192.0.2.7")
        .build();
    byte[] body = "type=update".getBytes(StandardCharsets.UTF_8);

    WebhookRequest full = head.withBody(body);

    assertThat(full.method()).isEqualTo("POST");
    assertThat(full.target()).isEqualTo("/webhooks/copernica?x=1");
    assertThat(full.contentType()).contains("application/x-www-form-urlencoded");
    assertThat(full.remoteAddress()).contains("192.0.2.7");
    assertThat(full.body()).isSameAs(body);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void keepsTheDeliveryIdThroughToBuilderAndWithBody() {
    WebhookRequest request = WebhookRequest.builder().deliveryId("42").build();

    assertThat(request.deliveryId()).contains("42");
    assertThat(request.toBuilder().build().deliveryId()).contains("42");
    assertThat(request.withBody(new byte[] {1}).deliveryId()).contains("42");
    assertThat(WebhookRequest.builder().build().deliveryId()).isEmpty();
  }
}
