package io.github.copernicawebhooks.signature;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** TXT lookups through the JDK's own JNDI DNS provider: no dependency, UDP with TCP fallback. */
final class JndiTxtLookup implements TxtLookup {

  private static final String[] TXT = {"TXT"};

  private final Hashtable<String, String> environment = new Hashtable<>();

  /**
   * @param providerUrl {@code dns:} for the system's resolvers, or {@code dns://host:port}
   * @param timeout how long the first try waits; one retry waits twice as long
   */
  JndiTxtLookup(String providerUrl, Duration timeout) {
    environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    environment.put(Context.PROVIDER_URL, providerUrl);
    environment.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
    environment.put("com.sun.jndi.dns.timeout.retries", "2");
  }

  // Error Prone's BanJNDI: this context is the DNS provider, which returns TXT strings; it never
  // deserializes an object, as LDAP and RMI lookups can.
  @SuppressWarnings("BanJNDI")
  @Override
  public List<String> txt(String name) throws NamingException {
    DirContext context = new InitialDirContext(environment);
    try {
      Attributes attributes = context.getAttributes(name + ".", TXT);
      Attribute txt = attributes.get("TXT");
      List<String> values = new ArrayList<>();
      if (txt != null) {
        NamingEnumeration<?> all = txt.getAll();
        while (all.hasMore()) {
          values.add(String.valueOf(all.next()));
        }
      }
      return values;
    } finally {
      context.close();
    }
  }
}
