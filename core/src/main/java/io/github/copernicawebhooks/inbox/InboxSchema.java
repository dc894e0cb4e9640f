package io.github.copernicawebhooks.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that creates the inbox tables, one script per database, shipped in the jar at {@code
 * io/github/copernicawebhooks/inbox/schema-{postgresql,h2,mysql}.sql} (MariaDB uses the MySQL script). Run
 * it from Flyway or Liquibase, or let the receiver run it at start-up with {@link SchemaInitialization#ALWAYS}.
 *
 * <pre>{@code
 * String sql = InboxSchema.script("postgresql", "billing_");   // tables billing_inbox, billing_inbox_attempt
 * }</pre>
 */
public final class InboxSchema {

  /** The databases that have a script. */
  public static final List<String> DATABASES = List.of("postgresql", "h2", "mysql", "mariadb");

  private static final String DEFAULT_PREFIX = InboxSettings.DEFAULT_TABLE_PREFIX;

  private InboxSchema() {}

  /**
   * The script for a database with the table prefix applied.
   *
   * @param database {@code postgresql}, {@code h2}, {@code mysql} or {@code mariadb}, in any case
   * @param prefix the table prefix, letters, digits and underscores; {@link InboxSettings#DEFAULT_TABLE_PREFIX}
   *     gives the script as shipped
   * @throws IllegalArgumentException for another database or an invalid prefix
   */
  public static String script(String database, String prefix) {
    InboxSettings.Builder.validatePrefix(prefix);
    String text = read(resource(database));
    return prefix.equals(DEFAULT_PREFIX) ? text : text.replace(DEFAULT_PREFIX, prefix);
  }

  /**
   * The path of a database's script in the jar, for example {@code
   * io/github/copernicawebhooks/inbox/schema-postgresql.sql}.
   *
   * @throws IllegalArgumentException for a database without a script
   */
  public static String resource(String database) {
    String name = database.trim().toLowerCase(Locale.ROOT);
    if (!DATABASES.contains(name)) {
      throw new IllegalArgumentException(
          "no inbox schema script for database '" + database + "'; there are scripts for " + DATABASES);
    }
    return "io/github/copernicawebhooks/inbox/schema-" + (name.equals("mariadb") ? "mysql" : name) + ".sql";
  }

  private static String read(String resource) {
    try (InputStream in = InboxSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the inbox schema script " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
