package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DkimRecordTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();

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
        .isInstanceOf(DkimRecord.RevokedKeyException.class)
        .hasMessage("DKIM record revokes its key (p= is empty)");
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"v=DKIM1; k=ed25519; p=AAAA\"")))
        .hasMessage("DKIM record holds a k=ed25519 key, not an RSA key (k=rsa)");
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"v=DKIM1; p=@@@\"")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"v=DKIM1; k=rsa\"")))
        .hasMessage("DKIM record has no p= tag");
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of()))
        .hasMessage("no v=DKIM1 key record among 0 TXT record(s)");
  }

  @Test
  void requiresVersionDkim1() {
    String unversioned = SIGNER.dkimRecord().replace("v=DKIM1; ", "");

    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"" + unversioned + "\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TXT record has a key (p=) but no v=DKIM1 tag");
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of("\"" + SIGNER.dkimRecord().replace("DKIM1", "DKIM2") + "\"")))
        .hasMessage("no v=DKIM1 key record among 1 TXT record(s)");
  }

  @Test
  void acceptsARecordWithoutKTagAsRsa() {
    String withoutK = SIGNER.dkimRecord().replace("k=rsa; ", "");

    assertThat(DkimRecord.publicKey(List.of("\"" + withoutK + "\""))).isEqualTo(SIGNER.resolver().resolve("x"));
  }

  @Test
  void refusesAnRsaKeyShorterThan2048Bits() throws Exception {
    assertThatThrownBy(() -> DkimRecord.publicKey(List.of(DnsPublicKeyResolverTest.shortKeyRecord())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the DKIM record's key is a 1024-bit RSA key; at least 2048 bits are required");
  }
}
