package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdsTest {

  private static final String DOMAIN = SignatureVerifier.DEFAULT_KEY_ID_DOMAIN;

  @ParameterizedTest
  @ValueSource(strings = {"one._domainkey.copernica.com", "a._domainkey.copernica.com", "A.B-c._DomainKey.COPERNICA.com",
      "x._domainkey.copernica.com.", "sel_1._domainkey.copernica.com"})
  void acceptsHostNamesUnderTheDomainkeyDomainOfCopernicaCom(String keyId) {
    assertThat(KeyIds.isUnder(keyId, DOMAIN)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"copernica.com", "evilcopernica.com", "copernica.com.evil.net", "x.copernica.com.evil.net",
      "", ".copernica.com", "a..copernica.com", "-a.copernica.com", "a b.copernica.com", "a/b.copernica.com",
      "a.copernica.com..", "https://a.copernica.com", "a.copernica.co",
      // under copernica.com but not one of its DKIM selectors
      "a.copernica.com", "one.copernica.com", "_domainkey.copernica.com", "evil_domainkey.copernica.com",
      "one.x_domainkey.copernica.com", "._domainkey.copernica.com", "a.._domainkey.copernica.com",
      "-a._domainkey.copernica.com", "one._domainkey.copernica.com.evil.net", "one._domainkey.copernica.com..",
      "a b._domainkey.copernica.com", "one._domainkey.copernica.nl"})
  void refusesEverythingElse(String keyId) {
    assertThat(KeyIds.isUnder(keyId, DOMAIN)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"one._domainkey.copernica.nl", "ONE._DOMAINKEY.Copernica.NL."})
  void acceptsKeyIdsUnderAnotherConfiguredDomain(String keyId) {
    assertThat(KeyIds.isUnder(keyId, KeyIds.domain("_DomainKey.Copernica.nl."))).isTrue();
    assertThat(KeyIds.isUnder(keyId, DOMAIN)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "com", ".", "a..b", "-a.com", "a b.com", "https://copernica.com", "*.copernica.com"})
  void refusesADomainThatIsNotAHostNameOfTwoLabels(String domain) {
    assertThatThrownBy(() -> KeyIds.domain(domain)).isInstanceOf(IllegalArgumentException.class);
  }
}
