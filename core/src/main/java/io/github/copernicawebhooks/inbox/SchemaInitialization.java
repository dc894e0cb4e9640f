package io.github.copernicawebhooks.inbox;

/** Whether the receiver creates the inbox tables at start-up. */
public enum SchemaInitialization {
  /** Creates the tables and indexes when they are absent, with the script of {@link InboxSchema}. */
  ALWAYS,
  /**
   * Creates nothing: the tables must exist (created by Flyway, Liquibase or a person with the script of
   * {@link InboxSchema}); start-up fails with a message naming the table and the script when they do not.
   */
  NEVER
}
