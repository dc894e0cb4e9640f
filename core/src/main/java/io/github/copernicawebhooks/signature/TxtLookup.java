package io.github.copernicawebhooks.signature;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.naming.NamingException;

/**
 * Looks up the TXT records of a DNS name, in JNDI's presentation form: the character-strings of one record
 * separated by a space, a string quoted when it is empty or holds a space. {@link DnsPublicKeyResolver}
 * asks one of these; replace it with {@link DnsPublicKeyResolver.Builder#txtLookup}.
 *
 * <p>Two come with the SDK: {@link #jndi} (the JDK's DNS provider, the default where it is present) and
 * {@link #direct} (a small DNS client of the SDK's own, over UDP and TCP, for runtimes without the JNDI DNS
 * provider, such as native images built without {@code jdk.naming.dns}).
 */
@FunctionalInterface
public interface TxtLookup {

  /**
   * The TXT records at the name; empty when the name exists without TXT records.
   *
   * @throws javax.naming.NameNotFoundException when the name does not exist
   * @throws NamingException when the server cannot be reached or answers with an error
   */
  List<String> txt(String name) throws NamingException;

  /**
   * Lookups through the JDK's JNDI DNS provider.
   *
   * @param providerUrl {@code dns:} for the system's resolvers, or {@code dns://host:port}
   * @param timeout how long the first try waits; one retry waits twice as long
   */
  static TxtLookup jndi(String providerUrl, Duration timeout) {
    return new JndiTxtLookup(providerUrl, timeout);
  }

  /**
   * Lookups with the SDK's own DNS client, which needs no JNDI provider.
   *
   * @param server the DNS server to ask, for example {@code new InetSocketAddress("127.0.0.1", 53)}
   * @param timeout how long the first try waits; one retry waits twice as long
   */
  static TxtLookup direct(InetSocketAddress server, Duration timeout) {
    return new DirectTxtLookup(server, timeout);
  }

  /**
   * Lookups with the SDK's own DNS client, asking the first {@code nameserver} of {@code /etc/resolv.conf}.
   *
   * @throws IOException when that file cannot be read or names no server
   */
  static TxtLookup directSystem(Duration timeout) throws IOException {
    return DirectTxtLookup.system(timeout);
  }

  /** Whether the JDK's JNDI DNS provider is on this runtime. */
  static boolean jndiAvailable() {
    try {
      Class.forName("com.sun.jndi.dns.DnsContextFactory", false, TxtLookup.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
