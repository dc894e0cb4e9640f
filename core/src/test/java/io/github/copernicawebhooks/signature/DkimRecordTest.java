package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.testkit.CopernicaTestSigner;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimRecordTest {

  private static final CopernicaTestSigner SIGNER = CopernicaTestSigner.generate();

  @Test
  void joinsJndiCharacterStringsWithNothingInBetween() {
    assertThat(DkimRecord.joinCharacterStrings("\"v=DKIM1; k=rsa; p=MIIB\" 7SAa AQAB")).isEqualTo("v=DKIM1; k=rsa; p=MIIB7SAaAQAB");
  }

  @Test
  void unescapesQuotedPiecesAndKeepsEmptyOnes() {
    assertThat(DkimRecord.joinCharacterStrings("\"a \\\"b\\\\\" \"\" c")).isEqualTo("a \"b\\c");
  }

  @Test
  void refusesAnUnterminatedQuote() {
    assertThatThrownBy(() -> DkimRecord.joinCharacterStrings("\"v=DKIM1; p=abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheKeyFromARecordSplitAcrossCharacterStrings() {
    String record = SIGNER.dkimRecord();
    String presentation = "\"" + record.substring(0, 255) + "\" " + record.substring(255);

    assertThat(DkimRecord.publicKey(List.of(presentation))).isEqualTo(SIGNER.resolver().resolve("x"));
  }

  @Test
  void toleratesSpacesAroundTagsAndInsideTheKey() {
    String base64 = SIGNER.dkimRecord().substring("v=DKIM1; k=rsa; p=".length());
    String spaced = "v = DKIM1 ;k=RSA;  p=" + base64.substring(0, 100) + " " + base64.substring(100) + " ;";

    assertThat(DkimRecord.publicKey(List.of("\"" + spaced + "\""))).isEqualTo(SIGNER.resolver().resolve("x"));
  }

  @Test
  void skipsTxtRecordsThatAreNotDkim() {
    assertThat(DkimRecord.publicKey(List.of("\"v=spf1 -all\"", "\"" + SIGNER.dkimRecord() + "\"")))
        .isEqualTo(SIGNER.resolver().resolve("x"));
  }

  @Test
  void refusesRevokedNonRsaAndGarbledKeys() {
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"v=DKIM1; k=rsa; p=\"")))
        .hasMessageContaining("revoked");
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"v=DKIM1; k=ed25519; p=AAAA\"")))
        .hasMessageContaining("not an RSA key");
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"v=DKIM1; p=@@@\"")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of()))
        .hasMessageContaining("no DKIM key record");
  }
}
