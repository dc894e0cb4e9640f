package io.github.copernicawebhooks.signature;

import java.util.List;
import javax.naming.NamingException;

/** Looks up the TXT records of a DNS name, in JNDI's presentation form. */
@FunctionalInterface
interface TxtLookup {

  /**
   * The TXT records at the name; empty when the name exists without TXT records.
   *
   * @throws javax.naming.NameNotFoundException when the name does not exist
   * @throws NamingException when the server cannot be reached or answers with an error
   */
  List<String> txt(String name) throws NamingException;
}
