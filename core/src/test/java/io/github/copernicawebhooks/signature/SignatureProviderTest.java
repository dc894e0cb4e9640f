package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SignatureProviderTest {

  @Test
  void readsTheSettingInAnyCase() {
    assertThat(SignatureProvider.parse("auto")).isEqualTo(SignatureProvider.AUTO);
    assertThat(SignatureProvider.parse(" JDK ")).isEqualTo(SignatureProvider.JDK);
    assertThat(SignatureProvider.parse("Accp")).isEqualTo(SignatureProvider.ACCP);
    assertThatThrownBy(() -> SignatureProvider.parse("openssl"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("must be 'auto', 'jdk' or 'accp', not 'openssl'");
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
  void takesAccpByDefaultWhereItLoadsAndTheJdksWhenTold() {
    WebhookSigner signer = WebhookSigner.generate();
    SignatureVerifier.Builder builder = SignatureVerifier.builder()
        .accountIds(signer.accountId()).keyResolver(signer.knownKeyResolver());

    assertThat(builder.build().providerName()).isEqualTo("AmazonCorrettoCryptoProvider 2.5.0");
    assertThat(builder.provider(SignatureProvider.JDK).build().providerName()).startsWith("SunRsaSign ");
    assertThat(builder.provider(SignatureProvider.ACCP).build().providerName()).startsWith("AmazonCorrettoCryptoProvider ");
  }

  @Test
  void passesTheKnownAnswerTestWithTheJdk() {
    assertThat(KnownAnswer.problem(Crypto.select(SignatureProvider.JDK))).isNull();
  }

  @Test
  void failsTheKnownAnswerTestWithAProviderThatVerifiesEverything() {
    Provider jdk = java.security.Security.getProvider("SUN");
    Crypto broken = new Crypto(SignatureProvider.JDK, new YesProvider(), jdk);

    assertThat(KnownAnswer.problem(broken)).isEqualTo("a SHA256withRSA signature verified a changed message");
  }

  /** A provider whose SHA256withRSA says yes to everything: what a broken native build might do. */
  private static final class YesProvider extends Provider {
    private static final long serialVersionUID = 1L;

    YesProvider() {
      super("Yes", "1", "verifies every signature");
      put("Signature." + Crypto.RSA_SHA256, YesSignature.class.getName());
    }
  }

  /** Instantiated by the JCA through its public no-argument constructor. */
  public static final class YesSignature extends SignatureSpi {
    public YesSignature() {}

    @Override
    protected void engineInitVerify(PublicKey publicKey) {}

    @Override
    protected void engineInitSign(java.security.PrivateKey privateKey) {}

    @Override
    protected void engineUpdate(byte b) {}

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {}

    @Override
    protected byte[] engineSign() {
      return new byte[0];
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) {
      return true;
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {}

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      return "";
    }
  }
}
