package io.github.copernicawebhooks.build.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/** Without dnsmasq the DNS test is skipped on a developer machine, and fails in CI. */
class DnsmasqTest {

  @Test
  void failsInCiWhenDnsmasqIsMissing() {
    assertThatThrownBy(() -> Dnsmasq.binary(Optional.empty(), true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI requires it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "github-actions", " true "})
  void readsAnyOtherValueOfCiAsCi(String value) {
    assertThat(Dnsmasq.isCi(value)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"false", "FALSE", "False", "0", " ", " false "})
  void readsAnAbsentEmptyFalseOrZeroCiAsNotCi(String value) {
    assertThat(Dnsmasq.isCi(value)).isFalse();
  }

  @Test
  void skipsWithAMessageOutsideCi() {
    assertThatThrownBy(() -> Dnsmasq.binary(Optional.empty(), false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("dnsmasq is not installed");
  }

  @Test
  void usesTheBinaryItFound() {
    assertThat(Dnsmasq.binary(Optional.of("/opt/dnsmasq"), true)).isEqualTo("/opt/dnsmasq");
  }

  @Test
  void findsNothingOnAnEmptyPath() {
    assertThat(Dnsmasq.onPath("")).isEmpty();
    assertThat(Dnsmasq.onPath(null)).isEmpty();
  }
}
