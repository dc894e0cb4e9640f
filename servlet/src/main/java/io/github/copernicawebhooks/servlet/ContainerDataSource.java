package io.github.copernicawebhooks.servlet;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Looks up a DataSource that the container binds in JNDI. A name without a scheme, such as
 * {@code jdbc/webhooks}, is read in the application's environment {@code java:comp/env}, as a
 * {@code resource-ref} declares it; a name with one, such as {@code java:comp/env/jdbc/webhooks} or
 * {@code java:global/jdbc/webhooks}, is looked up as it is.
 */
final class ContainerDataSource {

  static final String ENVIRONMENT = "java:comp/env/";

  private ContainerDataSource() {}

  /** The full JNDI name that {@link #lookUp} reads for this name. */
  static String jndiName(String name) {
    return name.contains(":") ? name : ENVIRONMENT + name;
  }

  /**
   * The DataSource bound under the name, on the calling thread, whose context class loader the container
   * ties to the application's naming environment.
   *
   * @throws NamingException when nothing is bound under the name
   * @throws ClassCastException naming the type, when the object bound there is not a {@link DataSource}
   */
  // The name is the inbox-datasource init-param an administrator wrote, never a value from a request.
  @SuppressWarnings("BanJNDI")
  static DataSource lookUp(String name) throws NamingException {
    InitialContext naming = new InitialContext();
    try {
      Object bound = naming.lookup(jndiName(name));
      if (bound instanceof DataSource) {
        return (DataSource) bound;
      }
      throw new ClassCastException(jndiName(name) + " is a " + (bound == null ? "null" : bound.getClass().getName())
          + ", not a " + DataSource.class.getName());
    } finally {
      naming.close();
    }
  }
}
