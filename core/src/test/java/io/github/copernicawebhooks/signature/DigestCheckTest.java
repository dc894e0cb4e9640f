package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Digest header against the body, with the JDK's provider and with ACCP. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = SignatureProvider.class, names = {"JDK", "ACCP"})
class DigestCheckTest {

  private static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SHA_256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";

  private final Crypto crypto;
  private final String sha512;

  DigestCheckTest(SignatureProvider provider) {
    this.crypto = TestProviders.crypto(provider);
    this.sha512 = Base64.getEncoder().encodeToString(crypto.digest("SHA-512", BODY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256=" + SHA_256, "sha-256=" + SHA_256, "Sha-256 = " + SHA_256,
      "SHA-512=%512", "MD5=abc, SHA-256=" + SHA_256, "SHA-256=" + SHA_256 + ",SHA-512=%512", "unixsum=30637,sha-512=%512"})
  void acceptsEveryUnderstoodDigestThatMatches(String header) {
    assertThatCode(() -> DigestCheck.verify(List.of(header.replace("%512", sha512)), BODY, crypto)).doesNotThrowAnyException();
  }

  @Test
  void splitsOnTheFirstEqualsSignOnly() {
    assertThat(SHA_256).endsWith("=");
    assertThatCode(() -> DigestCheck.verify(List.of("SHA-256=" + SHA_256), BODY, crypto)).doesNotThrowAnyException();
  }

  @Test
  void refusesWhenAnyUnderstoodDigestDiffers() {
    String wrong512 = Base64.getEncoder().encodeToString(crypto.digest("SHA-512", new byte[1]));

    assertRefused(List.of("SHA-256=" + SHA_256 + ", SHA-512=" + wrong512), Reason.DIGEST_MISMATCH);
  }

  @Test
  void readsDigestsSpreadOverSeveralHeaderLines() {
    assertRefused(List.of("SHA-256=" + SHA_256, "SHA-512=" + SHA_256), Reason.DIGEST_MISMATCH);
  }

  @Test
  void refusesMissingUnknownAndUnreadableDigests() {
    assertRefused(List.of(), Reason.DIGEST_MISSING);
    assertRefused(List.of("MD5=HUXZLQLMuI/KZ5KDcJPcOA=="), Reason.DIGEST_UNSUPPORTED);
    assertRefused(List.of("SHA-256"), Reason.DIGEST_UNSUPPORTED);
    assertRefused(List.of("SHA-256=***"), Reason.DIGEST_UNSUPPORTED);
  }

  @Test
  void refusesTheDigestOfAnEmptyBodyForABodyWithContent() {
    String empty = Base64.getEncoder().encodeToString(crypto.digest("SHA-256", new byte[0]));

    assertRefused(List.of("SHA-256=" + empty), Reason.DIGEST_MISMATCH);
  }

  private void assertRefused(List<String> headers, Reason reason) {
    assertThatThrownBy(() -> DigestCheck.verify(headers, BODY, crypto))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
