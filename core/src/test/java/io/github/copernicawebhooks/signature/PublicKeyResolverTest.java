package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

/** Pinned keys must be RSA keys of 2048 bits or more, unless a lower minimum is asked for explicitly. */
class PublicKeyResolverTest {

  private static final PublicKey DRAFT_CAVAGE_KEY =
      PemKeys.rsaPublicKey(DraftCavageVectorsTest.resource("public-key.pem"));

  @Test
  void pinsAKeyOf2048Bits() {
    WebhookSigner signer = WebhookSigner.generate();
    PublicKey key = PemKeys.rsaPublicKey(signer.publicKeyPem());

    assertThat(PublicKeyResolver.fixed(key).resolve("any._domainkey.copernica.com")).isEqualTo(key);
    assertThat(PublicKeyResolver.fromPem(signer.publicKeyPem()).resolve("any._domainkey.copernica.com")).isEqualTo(key);
  }

  @Test
  void refusesToPinAShorterRsaKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2040);
    PublicKey short2040 = generator.generateKeyPair().getPublic();

    assertThatThrownBy(() -> PublicKeyResolver.fixed(short2040))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the pinned public key is a 2040-bit RSA key; at least 2048 bits are required");
    assertThatThrownBy(() -> PublicKeyResolver.fromPem(PemKeys.pem(short2040)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2040-bit RSA key");
  }

  @Test
  void pinsTheDraftCavage1024BitKeyOnlyWithTheExplicitLowerMinimum() {
    assertThatThrownBy(() -> PublicKeyResolver.fixed(DRAFT_CAVAGE_KEY))
        .hasMessageContaining("1024-bit RSA key; at least 2048 bits are required");
    assertThatThrownBy(() -> PublicKeyResolver.fromPem(PemKeys.pem(DRAFT_CAVAGE_KEY)))
        .hasMessageContaining("1024-bit RSA key");

    assertThat(PublicKeyResolver.fixed(DRAFT_CAVAGE_KEY, 1024).resolve("Test")).isEqualTo(DRAFT_CAVAGE_KEY);
    assertThatThrownBy(() -> PublicKeyResolver.fixed(DRAFT_CAVAGE_KEY, 1025))
        .hasMessage("the pinned public key is a 1024-bit RSA key; at least 1025 bits are required");
  }

  @Test
  void theMinimumIs2048Bits() {
    assertThat(PublicKeyResolver.MINIMUM_RSA_KEY_BITS).isEqualTo(2048);
  }
}
