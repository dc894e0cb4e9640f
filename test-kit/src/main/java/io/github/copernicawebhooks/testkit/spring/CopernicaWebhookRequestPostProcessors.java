package io.github.copernicawebhooks.testkit.spring;

import io.github.copernicawebhooks.signature.WebhookSigner;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc support: sign a request the way Copernica does, so tests run the real verification.
 *
 * <pre>{@code
 * mockMvc.perform(post("/webhooks/copernica").with(copernicaSigned(signer)).content(body))
 *     .andExpect(status().isOk());
 * }</pre>
 */
public final class CopernicaWebhookRequestPostProcessors {

  private CopernicaWebhookRequestPostProcessors() {}

  /**
   * Signs the request with the signer's key: adds {@code Host}, {@code Digest}, {@code Date},
   * {@code X-Copernica-ID}, {@code X-Nonce} and {@code Signature}, and sets the form content type when
   * the request has none. The application must trust the signer's key, for example with
   * {@code copernica.webhooks.signature.public-key} or a {@code PublicKeyResolver} bean returning
   * {@link WebhookSigner#resolver()}.
   */
  public static CopernicaSignedRequestPostProcessor copernicaSigned(WebhookSigner signer) {
    return new CopernicaSignedRequestPostProcessor(signer, null);
  }

  /** Signs a MockMvc request like Copernica; see {@link #copernicaSigned(WebhookSigner)}. */
  public static final class CopernicaSignedRequestPostProcessor implements RequestPostProcessor {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final WebhookSigner signer;
    private final @Nullable String host;

    private CopernicaSignedRequestPostProcessor(WebhookSigner signer, @Nullable String host) {
      this.signer = signer;
      this.host = host;
    }

    /** Signs for this {@code Host} value instead of the request's own, as a client behind a proxy would. */
    public CopernicaSignedRequestPostProcessor host(String host) {
      return new CopernicaSignedRequestPostProcessor(signer, host);
    }

    @Override
    public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
      if (request.getContentType() == null) {
        request.setContentType(FORM);
      }
      String signedHost = host != null ? host : hostOf(request);
      replaceHeader(request, "Host", signedHost);
      byte[] body = request.getContentAsByteArray();
      Map<String, String> headers =
          signer.headersFor(Objects.requireNonNull(request.getMethod(), "method"), targetOf(request), signedHost, body == null ? new byte[0] : body);
      headers.forEach((name, value) -> replaceHeader(request, name, value));
      return request;
    }

    private static void replaceHeader(MockHttpServletRequest request, String name, String value) {
      request.removeHeader(name);
      request.addHeader(name, value);
    }

    private static String targetOf(MockHttpServletRequest request) {
      String query = request.getQueryString();
      String path = Objects.requireNonNullElse(request.getRequestURI(), "");
      return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    private static String hostOf(MockHttpServletRequest request) {
      @Nullable String header = request.getHeader("Host");
      if (header != null) {
        return header;
      }
      int port = request.getServerPort();
      boolean defaultPort = port < 0 || (port == 80 && "http".equals(request.getScheme()))
          || (port == 443 && "https".equals(request.getScheme()));
      return defaultPort ? request.getServerName() : request.getServerName() + ":" + port;
    }
  }
}
