package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignatureHeaderTest {

  private static final String HEADERS = "(request-target) host date x-copernica-id digest x-nonce";

  @ParameterizedTest
  @ValueSource(strings = {
      // Copernica's PHP signer: commas, no spaces
      "keyId=\"one._domainkey.copernica.com\",algorithm=\"rsa-sha256\",headers=\"" + HEADERS + "\",signature=\"AAEC\"",
      // Copernica's documentation: no comma before signature=
      "keyId=\"one._domainkey.copernica.com\",algorithm=\"rsa-sha256\",headers=\"" + HEADERS + "\" signature=\"AAEC\"",
      // draft -10 C.2 style: comma and space, Authorization scheme prefix
      "Signature keyId=\"one._domainkey.copernica.com\", algorithm=\"rsa-sha256\", headers=\"" + HEADERS + "\", signature=\"AAEC\"",
      // names in any case, bare values, nothing between parameters, tabs and leading spaces
      "  KEYID=one._domainkey.copernica.com\tAlgorithm=rsa-sha256 headers=\"" + HEADERS + "\"signature=AAEC ,",
  })
  void readsTheSpellingsSeenInTheWild(String value) {
    SignatureHeader header = SignatureHeader.parse(value);

    assertThat(header.keyId()).isEqualTo("one._domainkey.copernica.com");
    assertThat(header.algorithm()).contains("rsa-sha256");
    assertThat(header.headers()).containsExactly("(request-target)", "host", "date", "x-copernica-id", "digest", "x-nonce");
    assertThat(header.signature()).containsExactly(0, 1, 2);
  }

  @Test
  void lowerCasesAndSplitsTheHeaderListOnAnyWhitespace() {
    SignatureHeader header = SignatureHeader.parse("keyId=\"k\",headers=\" Date  Digest\",signature=\"AA==\"");

    assertThat(header.headers()).containsExactly("date", "digest");
  }

  @Test
  void unescapesBackslashesInQuotedValues() {
    assertThat(SignatureHeader.parse("keyId=\"a\\\"b\",signature=\"AA==\"").keyId()).isEqualTo("a\"b");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", ",,,", "keyId", "keyId=\"a\" keyId=\"b\",signature=\"AA==\"", "keyId=\"a\" ; signature=\"AA==\"",
      "keyId=\"a\",signature=\"AA==", "keyId=a\"b\",signature=\"AA==\"", "=\"a\"", "keyId=\"a\",headers=\"\",signature=\"AA==\""})
  void refusesHeadersThatAreNotAParameterList(String value) {
    assertThatThrownBy(() -> {
      SignatureHeader header = SignatureHeader.parse(value);
      header.keyId();
      header.headers();
      header.signature();
    }).isInstanceOfSatisfying(WebhookException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MALFORMED));
  }

  @Test
  void refusesMissingSignatureAndBadBase64() {
    assertThatThrownBy(() -> SignatureHeader.parse("keyId=\"a\"").signature())
        .hasMessageContaining("signature parameter is missing");
    assertThatThrownBy(() -> SignatureHeader.parse("keyId=\"a\",signature=\"not base64!\"").signature())
        .hasMessageContaining("not base64");
  }
}
