package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.build.dns.Dnsmasq;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNDI-free DNS client against a real dnsmasq: it returns what the JDK's JNDI provider returns for the
 * same names (short records, records split into several character-strings, answers too big for UDP), and
 * the same errors.
 */
class DirectTxtLookupDnsmasqTest {

  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final String KEY = "one._domainkey.copernica.com";
  private static final String SHORT = "short.copernica.com";
  private static final String HUGE = "huge.copernica.com";
  private static final String HUGE_TEXT = "v=DKIM1; k=rsa; p=" + "A".repeat(1500);

  private static Dnsmasq dnsmasq;
  private static TxtLookup direct;
  private static TxtLookup jndi;

  @BeforeAll
  static void startDnsmasq() {
    dnsmasq = Dnsmasq.start(List.of(
        new String[] {KEY, SIGNER.dkimRecord()},
        new String[] {SHORT, "hello world"},
        new String[] {HUGE, HUGE_TEXT}));
    direct = new DirectTxtLookup(new InetSocketAddress("127.0.0.1", dnsmasq.port()), Duration.ofSeconds(2));
    jndi = new JndiTxtLookup(dnsmasq.url(), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stopDnsmasq() {
    if (dnsmasq != null) {
      dnsmasq.close();
    }
  }

  @Test
  void readsAKeyRecordSplitIntoCharacterStringsAsJndiDoes() throws Exception {
    List<String> records = direct.txt(KEY);

    assertThat(records).isEqualTo(jndi.txt(KEY)).hasSize(1);
    assertThat(records.get(0)).startsWith("\"v=DKIM1; k=rsa; p=");
    assertThat(DkimRecord.publicKey(records).getEncoded()).isEqualTo(
        ((java.security.interfaces.RSAPublicKey) DkimRecord.publicKey(jndi.txt(KEY))).getEncoded());
  }

  @Test
  void readsAShortRecordAsJndiDoes() throws Exception {
    assertThat(direct.txt(SHORT)).containsExactly("\"hello world\"").isEqualTo(jndi.txt(SHORT));
  }

  @Test
  void asksAgainOverTcpWhenTheAnswerIsTooBigForUdp() throws Exception {
    List<String> records = direct.txt(HUGE);

    assertThat(records).isEqualTo(jndi.txt(HUGE));
    assertThat(DkimRecord.joinCharacterStrings(records.get(0))).isEqualTo(HUGE_TEXT);
  }

  @Test
  void anUnknownNameIsNotFoundAsWithJndi() {
    assertThatThrownBy(() -> direct.txt("nobody._domainkey.copernica.com")).isInstanceOf(NameNotFoundException.class);
    assertThatThrownBy(() -> jndi.txt("nobody._domainkey.copernica.com")).isInstanceOf(NameNotFoundException.class);
  }

  @Test
  void aServerThatDoesNotAnswerIsACommunicationFailure() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      TxtLookup nobody = new DirectTxtLookup(
          new InetSocketAddress("127.0.0.1", silent.getLocalPort()), Duration.ofMillis(100));

      assertThatThrownBy(() -> nobody.txt(KEY)).isInstanceOf(CommunicationException.class)
          .hasMessageContaining("no answer from");
    }
  }

  @Test
  void refusesNamesThatAreNotDnsNames() {
    assertThatThrownBy(() -> direct.txt("two..dots.copernica.com")).isInstanceOf(NamingException.class)
        .hasMessageContaining("not a DNS name");
    assertThatThrownBy(() -> direct.txt("x".repeat(64) + ".copernica.com")).isInstanceOf(NamingException.class);
  }
}
