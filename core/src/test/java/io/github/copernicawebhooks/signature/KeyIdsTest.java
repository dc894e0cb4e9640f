package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"one._domainkey.copernica.com", "a.copernica.com", "A.B-c.COPERNICA.com", "x.copernica.com."})
  void acceptsHostNamesUnderCopernicaCom(String keyId) {
    assertThat(KeyIds.isCopernicaKeyId(keyId)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"copernica.com", "evilcopernica.com", "copernica.com.evil.net", "x.copernica.com.evil.net",
      "", ".copernica.com", "a..copernica.com", "-a.copernica.com", "a b.copernica.com", "a/b.copernica.com",
      "a.copernica.com..", "https://a.copernica.com", "a.copernica.co"})
  void refusesEverythingElse(String keyId) {
    assertThat(KeyIds.isCopernicaKeyId(keyId)).isFalse();
  }
}
