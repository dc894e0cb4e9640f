package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxtLookupTest {

  private static final String ONE = "one._domainkey.copernica.com";
  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  @Test
  void resolvesKeysThroughALookupGivenToTheBuilder() {
    List<String> asked = new ArrayList<>();
    TxtLookup lookup = name -> {
      asked.add(name);
      return List.of(SIGNER.dkimRecord());
    };

    DnsPublicKeyResolver resolver = DnsPublicKeyResolver.builder().txtLookup(lookup).build();

    assertThat(resolver.resolve(ONE)).isEqualTo(SIGNER.resolver().resolve(ONE));
    assertThat(asked).containsExactly(ONE);
  }

  @Test
  void theFactoriesGiveTheJndiAndTheOwnClient() {
    assertThat(TxtLookup.jndi("dns:", Duration.ofMillis(500))).isInstanceOf(JndiTxtLookup.class);
    assertThat(TxtLookup.direct(new InetSocketAddress("127.0.0.1", 53), Duration.ofMillis(500)))
        .isInstanceOf(DirectTxtLookup.class);
  }

  @Test
  void theJdkOfTheBuildHasTheJndiDnsProvider() {
    assertThat(TxtLookup.jndiAvailable()).isTrue();
  }
}
