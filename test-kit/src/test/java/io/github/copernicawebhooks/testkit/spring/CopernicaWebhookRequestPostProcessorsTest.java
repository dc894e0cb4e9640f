package io.github.copernicawebhooks.testkit.spring;

import static io.github.copernicawebhooks.testkit.spring.CopernicaWebhookRequestPostProcessors.copernicaSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.signature.KnownKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.github.copernicawebhooks.testkit.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The post-processor's headers on a MockMvc request, checked by the real verifier. */
class CopernicaWebhookRequestPostProcessorsTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final byte[] BODY = WebhookBodies.profileUpdated().profile(42).encode().getBytes(StandardCharsets.UTF_8);

  private final KnownKeyResolver keys = SIGNER.knownKeyResolver();
  private final SignatureVerifier verifier =
      SignatureVerifier.builder().accountIds(SIGNER.accountId()).keyResolver(keys).build();

  private static MockHttpServletRequest post(String uri, String query) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
    request.setQueryString(query);
    request.setServerName("localhost");
    request.setServerPort(8080);
    request.setContent(BODY);
    return request;
  }

  /** What a receiver sees of the MockMvc request: method, target with query, every header, the body. */
  private static WebhookRequest received(MockHttpServletRequest request) {
    String target = request.getQueryString() == null
        ? request.getRequestURI() : request.getRequestURI() + "?" + request.getQueryString();
    WebhookRequest.Builder builder = WebhookRequest.builder().method(request.getMethod()).target(target)
        .body(request.getContentAsByteArray());
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        builder.header(name, value);
      }
    }
    return builder.build();
  }

  @Test
  void signsTheRequestSoThatTheVerifierAcceptsIt() {
    MockHttpServletRequest request = copernicaSigned(SIGNER).postProcessRequest(post("/webhooks/copernica", "shop=1"));

    assertThat(request.getHeader("Host")).isEqualTo("localhost:8080");
    assertThat(request.getContentType()).isEqualTo(WebhookBodies.FORM_CONTENT_TYPE);
    assertThat(Collections.list(request.getHeaderNames()))
        .contains("Digest", "Date", "X-Copernica-ID", "X-Nonce", "Signature");
    assertThatCode(() -> verifier.verify(received(request))).doesNotThrowAnyException();
    assertThat(keys.askedKeyIds()).containsExactly(SIGNER.keyId());
  }

  @Test
  void signsForTheHostItIsGivenAndKeepsTheContentTypeOfTheRequest() {
    MockHttpServletRequest request = post("/webhooks/copernica", null);
    request.setContentType(WebhookBodies.JSON_CONTENT_TYPE);

    copernicaSigned(SIGNER).host("webhooks.example.com").postProcessRequest(request);

    assertThat(request.getHeader("Host")).isEqualTo("webhooks.example.com");
    assertThat(request.getContentType()).isEqualTo(WebhookBodies.JSON_CONTENT_TYPE);
    assertThatCode(() -> verifier.verify(received(request))).doesNotThrowAnyException();
  }

  @Test
  void aBodyChangedAfterSigningNoLongerVerifies() {
    MockHttpServletRequest request = copernicaSigned(SIGNER).postProcessRequest(post("/webhooks/copernica", null));
    request.setContent(WebhookBodies.profileUpdated().profile(43).encode().getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> verifier.verify(received(request)))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
  }
}
