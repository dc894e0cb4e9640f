package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemKeysTest {

  @Test
  void readsWhatItWritesAsPemAndAsBareBase64() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    PublicKey key = generator.generateKeyPair().getPublic();

    String pem = PemKeys.pem(key);

    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(PemKeys.rsaPublicKey(pem)).isEqualTo(key);
    assertThat(PemKeys.rsaPublicKey(Base64.getEncoder().encodeToString(key.getEncoded()))).isEqualTo(key);
  }

  @Test
  void refusesNonRsaKeysAndGarbageWithoutRepeatingThem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String ecKey = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());

    assertThatThrownBy(() -> PemKeys.rsaPublicKey(ecKey)).isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain(ecKey.substring(0, 20));
    assertThatThrownBy(() -> PemKeys.rsaPublicKey("not base64!")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PemKeys.rsaPublicKey("")).hasMessageContaining("empty");
  }
}
